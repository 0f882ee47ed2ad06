import { displayText, readableEventType } from '../model/format';
import { EventStatus } from '../model/ptaEvent';
import { EventFilter } from './eventFilter';

/** Narrowing done by the vault: changing it needs a full reload. */
export interface ServerFilter {
  readonly status?: EventStatus;
  readonly accountId?: string;
}

/** One line naming every active filter, or undefined when none is. */
export function describeFilter(filter: EventFilter, server: ServerFilter): string | undefined {
  const parts: string[] = [];
  if (server.status) parts.push(`${server.status === 'OPEN' ? 'open' : 'closed'} only`);
  if (server.accountId) parts.push(`account ${displayText(server.accountId, 40)}`);
  if (filter.minScore) parts.push(`score ≥ ${filter.minScore}`);
  if (filter.types && filter.types.length > 0) {
    parts.push(filter.types.length <= 2 ? filter.types.map((t) => displayText(readableEventType(t), 40)).join(' or ') : `${filter.types.length} event types`);
  }
  if (filter.text?.trim()) parts.push(`text "${displayText(filter.text.trim(), 40)}"`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}
