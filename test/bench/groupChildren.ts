import { EventStatus } from '../../src/model/ptaEvent';
import { EventStore } from '../../src/store/eventStore';
import { EventView } from '../../src/store/eventView';
import { EventNode, TreeNode } from '../../src/tree/treeNodes';
import { timeSync } from './stats';

/** EventsTreeProvider's PAGE_SIZE; the provider module imports `vscode`, so the bench cannot load it. */
const PAGE_SIZE = 200;

/**
 * The work EventsTreeProvider.getChildren does for a group node, step for step: the EventView's
 * list, the first page of it, one cached element object per event, and the "Show more" node.
 */
export class GroupChildren {
  private readonly eventNodes = new Map<string, EventNode>();

  constructor(private readonly view: EventView) {}

  of(status: EventStatus): TreeNode[] {
    const events = this.view.list(status);
    const children: TreeNode[] = events.slice(0, PAGE_SIZE).map((e) => this.eventNode(e.id));
    if (events.length > PAGE_SIZE) children.push({ kind: 'more', status, remaining: events.length - PAGE_SIZE });
    return children;
  }

  private eventNode(eventId: string): EventNode {
    let node = this.eventNodes.get(eventId);
    if (!node) {
      node = { kind: 'event', eventId };
      this.eventNodes.set(eventId, node);
    }
    return node;
  }
}

export interface GroupChildrenSamples {
  /** First call after a store change: the store and the view sort and filter their lists again. */
  afterChangeMs: number[];
  /** Calls with the lists already computed, as when VS Code asks again without a change. */
  cachedMs: number[];
}

/** Times the Open group's children of a loaded store, each round after a one-event change to the store. */
export function measureGroupChildren(store: EventStore, view: EventView, rounds: number): GroupChildrenSamples {
  const samples: GroupChildrenSamples = { afterChangeMs: [], cachedMs: [] };
  const children = new GroupChildren(view);
  const changed = store.list('OPEN')[0];
  for (let round = 0; round < rounds; round++) {
    store.upsert(changed);
    const afterChange = timeSync(() => children.of('OPEN'));
    const cached = timeSync(() => children.of('OPEN'));
    if (afterChange.value.length !== Math.min(PAGE_SIZE + 1, store.count('OPEN'))) throw new Error('the Open group did not answer a full page');
    samples.afterChangeMs.push(afterChange.ms);
    samples.cachedMs.push(cached.ms);
  }
  return samples;
}
