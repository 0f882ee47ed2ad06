import { EventStatus, PtaEvent } from '../model/ptaEvent';
import { EventSources } from '../sources/eventSources';
import { Emitter } from '../util/emitter';
import { byScoreThenNewest, EventFilter, eventSearchText, filterMatcher, isFilterActive, keepSources, searchNeedle, showsSource, SortOrder } from './eventFilter';
import { TextMatches } from './textMatches';

/** One source's events of one status under the filter: without its text, in order; then what the text kept of them. */
interface Listing {
  readonly base: readonly PtaEvent[];
  matches?: TextMatches;
}

/**
 * What the Events view shows: each source's events, filtered and sorted, computed once per
 * change of that source, the filter or the order, and then answered from memory. Search
 * strings are built on first need (or ahead of it: see SearchWarmer) and kept per event object,
 * so they go with it. While only the text of the filter changes (typing), the lists under the
 * rest of it are kept and only searched again; a text that grows searches only what the shorter
 * one kept. Fires `onDidChange` whenever what it shows may have changed.
 */
export class EventView {
  private filter: EventFilter = {};
  private order: SortOrder = 'updated';
  private readonly listings = new Map<string, Partial<Record<EventStatus, Listing>>>();
  private readonly searchTexts = new WeakMap<PtaEvent, string>();
  /** Search texts side by side with a list of events (a store's list, a list under a filter): a text is searched without a look-up per event. */
  private readonly searchColumns = new WeakMap<readonly PtaEvent[], readonly string[]>();
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
    const sameBesidesText = besidesText(this.filter) === besidesText(filter);
    this.filter = filter;
    if (!options.transient) this.persist(this.filter, this.order);
    if (!sameBesidesText) this.listings.clear();
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
    const listing = this.listing(sourceId, status);
    const needle = searchNeedle(this.filter);
    if (!needle) return listing.base;
    if (listing.matches?.needle !== needle) {
      listing.matches = listing.matches?.narrow(needle) ?? TextMatches.find(listing.base, this.searchTextsOf(listing.base), needle);
    }
    return listing.matches.events;
  }

  private listing(sourceId: string, status: EventStatus): Listing {
    let listings = this.listings.get(sourceId);
    if (!listings) {
      listings = {};
      this.listings.set(sourceId, listings);
    }
    return (listings[status] ??= { base: this.listedBesidesText(sourceId, status) });
  }

  /** The source's events of `status` under the filter without its text, in order. */
  private listedBesidesText(sourceId: string, status: EventStatus): readonly PtaEvent[] {
    if (!this.showsSource(sourceId)) return [];
    const all = this.candidates(sourceId, status);
    const filter: EventFilter = { ...this.filter, text: undefined };
    const filtered = isFilterActive(filter) ? all.filter(filterMatcher(filter, this.lookupsFor(sourceId))) : all;
    const held = this.heldPlaces.get(sourceId);
    if (held && held.size > 0) return sortKeepingPlaces(filtered, this.order, held);
    return this.order === 'score' ? [...filtered].sort(byScoreThenNewest) : filtered;
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

  /** The search texts of `events`, side by side, kept as long as that list is. */
  searchTextsOf(events: readonly PtaEvent[]): readonly string[] {
    let texts = this.searchColumns.get(events);
    if (!texts) {
      texts = events.map((event) => this.searchTextOf(event));
      this.searchColumns.set(events, texts);
    }
    return texts;
  }

  /** Search texts of `events` built ahead of need, a few at a time (SearchWarmer): each `searchTextOf(events[i])`. */
  keepSearchTexts(events: readonly PtaEvent[], texts: readonly string[]): void {
    this.searchColumns.set(events, texts);
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
    if (sourceId === undefined) this.listings.clear();
    else this.listings.delete(sourceId);
    this.changeEmitter.fire();
  }
}

/** The filter apart from its text, comparable as a string. */
function besidesText(filter: EventFilter): string {
  return JSON.stringify({ ...filter, text: undefined });
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
