import { PtaEvent } from '../model/ptaEvent';

/** Client-side narrowing; the server-side parts (status, account) live in the refresh settings. */
export interface EventFilter {
  readonly minScore?: number;
  /** Raw event types to keep; empty or undefined keeps all. */
  readonly types?: readonly string[];
  /** Case-insensitive text matched anywhere in the event's values (type, users, accounts, addresses, commands, additionalData). */
  readonly text?: string;
}

export type SortOrder = 'updated' | 'score';

export function isFilterActive(filter: EventFilter): boolean {
  return (filter.minScore ?? 0) > 0 || (filter.types?.length ?? 0) > 0 || (filter.text ?? '').trim() !== '';
}

export function matchesFilter(event: PtaEvent, filter: EventFilter, searchText: (event: PtaEvent) => string): boolean {
  if (filter.minScore !== undefined && event.score < filter.minScore) return false;
  if (filter.types && filter.types.length > 0 && !filter.types.includes(event.type)) return false;
  const needle = filter.text?.trim().toLowerCase();
  return !needle || searchText(event).includes(needle);
}

/** Every string and number value in the raw event, lower-cased and joined: what free text is matched against. */
export function eventSearchText(event: PtaEvent): string {
  const parts: string[] = [];
  collectValues(event.raw, parts);
  return parts.join('\n').toLowerCase();
}

function collectValues(value: unknown, into: string[]): void {
  if (typeof value === 'string') {
    into.push(value);
  } else if (typeof value === 'number') {
    into.push(String(value));
  } else if (Array.isArray(value)) {
    for (const item of value) collectValues(item, into);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) collectValues(item, into);
  }
}

export function byScoreThenNewest(a: PtaEvent, b: PtaEvent): number {
  return b.score - a.score || b.lastUpdateTime - a.lastUpdateTime;
}
