import { EventStatus, PtaEvent } from '../model/ptaEvent';
import { EventNode, TreeNode } from './treeNodes';

/** Events per page in a group; "Show more" adds another page. */
export const PAGE_SIZE = 200;

/**
 * One source's group children: its events as the view lists them, one page at a time, then a
 * "Show more" node. One element object per event, so reveal and selection find the same node again.
 */
export class GroupPages {
  private readonly eventNodes = new Map<string, EventNode>();
  private readonly pageLimit: Record<EventStatus, number> = { OPEN: PAGE_SIZE, CLOSED: PAGE_SIZE };

  constructor(
    private readonly sourceId: string,
    private readonly list: (status: EventStatus) => readonly PtaEvent[],
  ) {}

  children(status: EventStatus): TreeNode[] {
    const events = this.list(status);
    const limit = this.pageLimit[status];
    const children: TreeNode[] = events.slice(0, limit).map((e) => this.eventNode(e.id));
    if (events.length > limit) children.push({ kind: 'more', sourceId: this.sourceId, status, remaining: events.length - limit });
    return children;
  }

  showMore(status: EventStatus): void {
    this.pageLimit[status] += PAGE_SIZE;
  }

  /** Pages far enough for the event at `index` of its group to be shown; true when that took more pages. */
  pageTo(status: EventStatus, index: number): boolean {
    if (index < this.pageLimit[status]) return false;
    this.pageLimit[status] = Math.ceil((index + 1) / PAGE_SIZE) * PAGE_SIZE;
    return true;
  }

  eventNode(eventId: string): EventNode {
    let node = this.eventNodes.get(eventId);
    if (!node) {
      node = { kind: 'event', sourceId: this.sourceId, eventId };
      this.eventNodes.set(eventId, node);
    }
    return node;
  }

  /** Back to one page each and no remembered nodes, as after a full reload. */
  reset(): void {
    this.eventNodes.clear();
    this.pageLimit.OPEN = PAGE_SIZE;
    this.pageLimit.CLOSED = PAGE_SIZE;
  }
}
