import { EventStatus, PtaEvent } from '../model/ptaEvent';
import { byScoreThenNewest, EventFilter, eventSearchText, isFilterActive, matchesFilter, SortOrder } from './eventFilter';
import { EventStore } from './eventStore';

/**
 * What the tree shows: the store's events, filtered and sorted, computed once per change of
 * store, filter or order and then answered from memory. Free-text search strings are built
 * lazily and kept per event object, so they are dropped with the event.
 */
export class EventView {
  private filter: EventFilter = {};
  private order: SortOrder = 'updated';
  private cache: Partial<Record<EventStatus, readonly PtaEvent[]>> = {};
  private readonly searchTexts = new WeakMap<PtaEvent, string>();

  constructor(private readonly store: EventStore) {
    store.onDidChange(() => this.invalidate());
  }

  get currentFilter(): EventFilter {
    return this.filter;
  }

  get sortOrder(): SortOrder {
    return this.order;
  }

  get isFiltered(): boolean {
    return isFilterActive(this.filter);
  }

  setFilter(filter: EventFilter): void {
    this.filter = filter;
    this.invalidate();
  }

  setSortOrder(order: SortOrder): void {
    this.order = order;
    this.invalidate();
  }

  list(status: EventStatus): readonly PtaEvent[] {
    let list = this.cache[status];
    if (!list) {
      const all = this.store.list(status);
      const filtered = this.isFiltered ? all.filter((e) => matchesFilter(e, this.filter, this.searchTextOf)) : all;
      list = this.order === 'score' ? [...filtered].sort(byScoreThenNewest) : filtered;
      this.cache[status] = list;
    }
    return list;
  }

  /** Event types present in the store, most frequent first. */
  typesPresent(): Array<{ type: string; count: number }> {
    const counts = new Map<string, number>();
    for (const event of this.store.all()) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
    return [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count);
  }

  private readonly searchTextOf = (event: PtaEvent): string => {
    let text = this.searchTexts.get(event);
    if (text === undefined) {
      text = eventSearchText(event);
      this.searchTexts.set(event, text);
    }
    return text;
  };

  private invalidate(): void {
    this.cache = {};
  }
}
