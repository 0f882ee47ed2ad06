import { displayText, readableEventType } from '../model/format';
import { EventFilter } from './eventFilter';

const ENTITY_WORDS = { account: 'account', user: 'vault user', host: 'host' } as const;

/** One line naming every active filter, or undefined when none is. `sourceLabel` names a source id. */
export function describeFilter(filter: EventFilter, sourceLabel: (sourceId: string) => string = (id) => id): string | undefined {
  const parts: string[] = [];
  if (filter.sources && filter.sources.length > 0) parts.push(filter.sources.map((id) => displayText(sourceLabel(id), 40)).join(' or '));
  if (filter.status) parts.push(`${filter.status === 'OPEN' ? 'open' : 'closed'} only`);
  if (filter.entity) parts.push(`${ENTITY_WORDS[filter.entity.kind]} ${displayText(filter.entity.label, 60)}`);
  if (filter.band) parts.push(`${filter.band} risk`);
  if (filter.created) parts.push(`created ${displayText(filter.created.label, 60)}`);
  if (filter.minScore) parts.push(`score ≥ ${filter.minScore}`);
  if (filter.types && filter.types.length > 0) {
    parts.push(filter.types.length <= 2 ? filter.types.map((t) => displayText(readableEventType(t), 40)).join(' or ') : `${filter.types.length} event types`);
  }
  if (filter.text?.trim()) parts.push(`text "${displayText(filter.text.trim(), 40)}"`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}
