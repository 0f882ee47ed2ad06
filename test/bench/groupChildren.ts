import { EventStore } from '../../src/store/eventStore';
import { EventView } from '../../src/store/eventView';
import { GroupPages, PAGE_SIZE } from '../../src/tree/groupPages';
import { timeSync } from './stats';

export interface GroupChildrenSamples {
  /** First call after a store change: the store and the view sort and filter their lists again. */
  afterChangeMs: number[];
  /** Calls with the lists already computed, as when VS Code asks again without a change. */
  cachedMs: number[];
}

/** Times the Open group's children of a loaded store, each round after a one-event change to the store. */
export function measureGroupChildren(store: EventStore, view: EventView, sourceId: string, rounds: number): GroupChildrenSamples {
  const samples: GroupChildrenSamples = { afterChangeMs: [], cachedMs: [] };
  const pages = new GroupPages(sourceId, (status) => view.list(sourceId, status));
  const changed = store.list('OPEN')[0];
  for (let round = 0; round < rounds; round++) {
    store.upsert(changed);
    const afterChange = timeSync(() => pages.children('OPEN'));
    const cached = timeSync(() => pages.children('OPEN'));
    if (afterChange.value.length !== Math.min(PAGE_SIZE + 1, store.count('OPEN'))) throw new Error('the Open group did not answer a full page');
    samples.afterChangeMs.push(afterChange.ms);
    samples.cachedMs.push(cached.ms);
  }
  return samples;
}
