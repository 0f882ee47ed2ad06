import { EventStatus, PtaEvent } from '../model/ptaEvent';
import { EventSources } from '../sources/eventSources';
import { Emitter } from '../util/emitter';
import { byScoreThenNewest, EventFilter, eventSearchText, filterMatcher, isFilterActive, keepSources, showsSource, SortOrder } from './eventFilter';

/**
 * What the Events view shows: each source's events, filtered and sorted, computed once per
 * change of that source, the filter or the order, and then answered from memory. Search
 * strings are built on first need (or ahead of it: see SearchWarmer) and kept per event object,
 * so they go with it. A text filter that only grows (typing) narrows the lists it
 * had instead of every event. Fires `onDidChange` whenever what it shows may have changed.
 */
export class EventView {
  private filter: EventFilter = {};
  private order: SortOrder = 'updated';
  private readonly cache = new Map<string, Partial<Record<EventStatus, readonly PtaEvent[]>>>();
  private readonly searchTexts = new WeakMap<PtaEvent, string>();
  /** The lists under the filter before the current one, while only the text grew since. */
  private narrowing: Map<string, Partial<Record<EventStatus, readonly PtaEvent[]>>> | undefined;
  /**
   * Per source, events closed or reopened here since the analyst last refreshed or re-sorted, with
   * the update time they were listed by before: they keep that place, so a triage never reorders
   * the list under the analyst's eyes.
   */
  private readonly heldPlaces = new Map<string, Map<string, number>>();
  private readonly changeEmitter = new Emitter<void>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly sources: EventSources,
    private readonly entityKeysOf: (sourceId: string, event: PtaEvent) => readonly string[],
    private readonly persist: (filter: EventFilter, order: SortOrder) => void = () => undefined,
    /** The events of an entity, newest update first, a superset of those whose keys hold it: an entity filter then reads those instead of every event. */
    private readonly entityEventsOf?: (sourceId: string, key: string) => readonly PtaEvent[],
  ) {
    sources.onDidChangeEvents(({ source, change }) => {
      if (change.kind === 'reset') this.heldPlaces.delete(source.id);
      this.invalidate(source.id);
    });
    sources.onDidChangeSources(() => this.invalidate());
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

  /** The filter and order saved by an earlier window. */
  restore(filter: EventFilter, order: SortOrder): void {
    this.filter = filter;
    this.order = order;
    this.invalidate();
  }

  /** `transient`: while the analyst is still typing; not saved. */
  setFilter(filter: EventFilter, options: { transient?: boolean } = {}): void {
    const narrowing = narrows(this.filter, filter) ? new Map(this.cache) : undefined;
    this.filter = filter;
    if (!options.transient) this.persist(this.filter, this.order);
    this.cache.clear();
    this.narrowing = narrowing;
    this.changeEmitter.fire();
  }

  setSortOrder(order: SortOrder): void {
    this.order = order;
    this.heldPlaces.clear();
    this.persist(this.filter, this.order);
    this.invalidate();
  }

  /**
   * Takes out of the filter the sources that no longer exist (a vault removed or renamed, a file
   * closed, or any of them saved with the filter by an earlier window), so a filter can never hide
   * every other source behind one that is gone. Returns the ids taken out.
   */
  dropMissingSources(): string[] {
    const present = new Set(this.sources.all().map((s) => s.id));
    const named = [...(this.filter.sources ?? []), ...(this.filter.entity ? [this.filter.entity.sourceId] : [])];
    const missing = [...new Set(named.filter((id) => !present.has(id)))];
    if (missing.length > 0) this.setFilter(keepSources(this.filter, (id) => present.has(id)));
    return missing;
  }

  /** Before these events are closed or reopened: each keeps its place until releasePlaces. */
  holdPlaces(sourceId: string, events: readonly PtaEvent[]): void {
    let held = this.heldPlaces.get(sourceId);
    if (!held) {
      held = new Map();
      this.heldPlaces.set(sourceId, held);
    }
    for (const event of events) if (!held.has(event.id)) held.set(event.id, event.lastUpdateTime);
  }

  /** The analyst refreshed: triaged events take the places their update times give them. */
  releasePlaces(sourceId?: string): void {
    if (sourceId === undefined) this.heldPlaces.clear();
    else this.heldPlaces.delete(sourceId);
    this.invalidate(sourceId);
  }

  showsSource(sourceId: string): boolean {
    return showsSource(this.filter, sourceId);
  }

  list(sourceId: string, status: EventStatus): readonly PtaEvent[] {
    let lists = this.cache.get(sourceId);
    if (!lists) {
      lists = {};
      this.cache.set(sourceId, lists);
    }
    let list = lists[status];
    if (!list) {
      const narrowed = this.narrowing?.get(sourceId)?.[status];
      const all = narrowed ?? this.candidates(sourceId, status);
      const filtered = !this.showsSource(sourceId) ? [] : this.isFiltered ? all.filter(filterMatcher(this.filter, this.lookupsFor(sourceId))) : all;
      const held = this.heldPlaces.get(sourceId);
      if (held && held.size > 0) list = sortKeepingPlaces(filtered, this.order, held);
      else list = this.order === 'score' && !narrowed ? [...filtered].sort(byScoreThenNewest) : filtered;
      lists[status] = list;
    }
    return list;
  }

  /** The events the filter is tried on, newest update first: the entity's when an entity filter names this source. */
  private candidates(sourceId: string, status: EventStatus): readonly PtaEvent[] {
    const entity = this.filter.entity;
    if (entity?.sourceId === sourceId && this.entityEventsOf) return this.entityEventsOf(sourceId, entity.key).filter((e) => e.status === status);
    return this.sources.get(sourceId)?.store.list(status) ?? [];
  }

  /** Every shown event of every source, open first. */
  *shown(): IterableIterator<{ sourceId: string; event: PtaEvent }> {
    for (const status of ['OPEN', 'CLOSED'] as const) {
      for (const source of this.sources.all()) {
        for (const event of this.list(source.id, status)) yield { sourceId: source.id, event };
      }
    }
  }

  /** Event types present in every source, most frequent first. */
  typesPresent(): Array<{ type: string; count: number }> {
    const counts = new Map<string, number>();
    for (const source of this.sources.all()) {
      for (const event of source.store.all()) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
    }
    return [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count);
  }

  searchTextOf(event: PtaEvent): string {
    let text = this.searchTexts.get(event);
    if (text === undefined) {
      text = eventSearchText(event);
      this.searchTexts.set(event, text);
    }
    return text;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }

  private lookupsFor(sourceId: string) {
    return {
      searchText: (event: PtaEvent) => this.searchTextOf(event),
      entityKeys: (event: PtaEvent) => this.entityKeysOf(sourceId, event),
    };
  }

  /** What a source's lists depend on besides its store changed (its entity index learned an alias). */
  entitiesChanged(sourceId: string): void {
    if (this.filter.entity?.sourceId === sourceId) this.invalidate(sourceId);
  }

  private invalidate(sourceId?: string): void {
    if (sourceId === undefined) this.cache.clear();
    else this.cache.delete(sourceId);
    if (sourceId === undefined) this.narrowing = undefined;
    else this.narrowing?.delete(sourceId);
    this.changeEmitter.fire();
  }
}

/** Whether `next` keeps a subset of what `previous` kept: the same filter with a text that only grew. */
function narrows(previous: EventFilter, next: EventFilter): boolean {
  const before = previous.text?.trim().toLowerCase() ?? '';
  const after = next.text?.trim().toLowerCase() ?? '';
  if (before === '' || !after.includes(before)) return false;
  const rest = (filter: EventFilter) => JSON.stringify({ ...filter, text: undefined });
  return rest(previous) === rest(next);
}

/**
 * The list in `order`, each held event sorted by the update time it had when it was triaged here.
 * By update (the store's order): only the held events that changed are placed again, in one pass.
 */
function sortKeepingPlaces(events: readonly PtaEvent[], order: SortOrder, held: ReadonlyMap<string, number>): readonly PtaEvent[] {
  const updated = (e: PtaEvent) => held.get(e.id) ?? e.lastUpdateTime;
  const newest = (a: PtaEvent, b: PtaEvent) => updated(b) - updated(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (order === 'score') return [...events].sort((a, b) => b.score - a.score || newest(a, b));
  const moved = events.filter((e) => updated(e) !== e.lastUpdateTime).sort(newest);
  if (moved.length === 0) return events;
  const movedSet = new Set(moved);
  const merged: PtaEvent[] = [];
  let m = 0;
  for (const event of events) {
    if (movedSet.has(event)) continue;
    while (m < moved.length && newest(moved[m], event) < 0) merged.push(moved[m++]);
    merged.push(event);
  }
  return merged.concat(moved.slice(m));
}
