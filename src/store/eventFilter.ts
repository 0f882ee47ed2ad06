import { Entity } from '../model/entities';
import { riskBand, RiskBand } from '../model/format';
import { EventStatus, PtaEvent } from '../model/ptaEvent';

/** What the view narrows the loaded events to. Everything here is applied locally, across every source. */
export interface EventFilter {
  readonly minScore?: number;
  /** Raw event types to keep; empty or undefined keeps all. */
  readonly types?: readonly string[];
  /** Case-insensitive text matched anywhere in the event's values (type, users, accounts, addresses, commands, additionalData). */
  readonly text?: string;
  readonly status?: EventStatus;
  readonly band?: RiskBand;
  /** Events created in [from, to) (epoch ms), e.g. a day or an hour clicked in the Overview; `label` names it. */
  readonly created?: { readonly from: number; readonly to: number; readonly label: string };
  /** Events involving this entity (an account, a vault user or a host), within its own source. */
  readonly entity?: Pick<Entity, 'kind' | 'key' | 'label' | 'accountId'> & { readonly sourceId: string };
  /** Source ids to keep; empty or undefined keeps all. */
  readonly sources?: readonly string[];
}

export type SortOrder = 'updated' | 'score';

export interface FilterLookups {
  searchText(event: PtaEvent): string;
  entityKeys(event: PtaEvent): readonly string[];
}

export function isFilterActive(filter: EventFilter): boolean {
  return (
    (filter.minScore ?? 0) > 0 ||
    (filter.types?.length ?? 0) > 0 ||
    (filter.text ?? '').trim() !== '' ||
    !!filter.status ||
    !!filter.band ||
    !!filter.created ||
    !!filter.entity ||
    (filter.sources?.length ?? 0) > 0
  );
}

/** The filter with what names a source `keep` rejects taken out: a closed file must not go on narrowing the view. */
export function keepSources(filter: EventFilter, keep: (sourceId: string) => boolean): EventFilter {
  const sources = filter.sources?.filter(keep);
  return {
    ...filter,
    sources: sources && sources.length > 0 ? sources : undefined,
    entity: filter.entity && keep(filter.entity.sourceId) ? filter.entity : undefined,
  };
}

/** Whether a whole source is shown at all under the filter. */
export function showsSource(filter: EventFilter, sourceId: string): boolean {
  if (filter.sources && filter.sources.length > 0 && !filter.sources.includes(sourceId)) return false;
  return !filter.entity || filter.entity.sourceId === sourceId;
}

export function matchesFilter(event: PtaEvent, filter: EventFilter, lookups: FilterLookups): boolean {
  return filterMatcher(filter, lookups)(event);
}

/** matchesFilter for one filter and many events: what does not depend on the event is worked out once. */
export function filterMatcher(filter: EventFilter, lookups: FilterLookups): (event: PtaEvent) => boolean {
  const needle = searchNeedle(filter);
  const types = filter.types && filter.types.length > 0 ? filter.types : undefined;
  return (event) => {
    if (filter.status && event.status !== filter.status) return false;
    if (filter.minScore !== undefined && event.score < filter.minScore) return false;
    if (filter.band && riskBand(event.score) !== filter.band) return false;
    if (filter.created) {
      const created = event.createTime ?? event.lastUpdateTime;
      if (created < filter.created.from || created >= filter.created.to) return false;
    }
    if (types && !types.includes(event.type)) return false;
    if (filter.entity && !lookups.entityKeys(event).includes(filter.entity.key)) return false;
    return !needle || lookups.searchText(event).includes(needle);
  };
}

/** What the filter's text is looked for as in search texts; empty when there is no text filter. */
export function searchNeedle(filter: EventFilter): string {
  return filter.text?.trim().toLowerCase() ?? '';
}

/**
 * Every string and number value in the raw event, each once (audits repeat their users and hosts),
 * lower-cased and joined: what free text is matched against.
 */
export function eventSearchText(event: PtaEvent): string {
  const parts = new Set<string>();
  collectValues(event.raw, parts);
  return [...parts].join('\n').toLowerCase();
}

function collectValues(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    into.add(value);
  } else if (typeof value === 'number') {
    into.add(String(value));
  } else if (Array.isArray(value)) {
    for (const item of value) collectValues(item, into);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) collectValues(item, into);
  }
}

export function byScoreThenNewest(a: PtaEvent, b: PtaEvent): number {
  return b.score - a.score || b.lastUpdateTime - a.lastUpdateTime;
}
