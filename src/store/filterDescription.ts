import { displayText, readableEventType } from '../model/format';
import { EventFilter } from './eventFilter';

const ENTITY_WORDS = { account: 'account', user: 'vault user', host: 'host' } as const;

/** One part of an active filter, removable on its own. */
export type FilterPart = keyof EventFilter;

/** Each active part of the filter with its words, in the order the view names them. */
export function filterParts(filter: EventFilter, sourceLabel: (sourceId: string) => string = (id) => id): Array<{ part: FilterPart; text: string }> {
  const parts: Array<{ part: FilterPart; text: string }> = [];
  const add = (part: FilterPart, text: string) => parts.push({ part, text });
  if (filter.sources && filter.sources.length > 0) add('sources', filter.sources.map((id) => displayText(sourceLabel(id), 40)).join(' or '));
  if (filter.status) add('status', `${filter.status === 'OPEN' ? 'open' : 'closed'} only`);
  if (filter.entity) add('entity', `${ENTITY_WORDS[filter.entity.kind]} ${displayText(filter.entity.label, 60)}`);
  if (filter.band) add('band', `${filter.band} risk`);
  if (filter.created) add('created', `created ${displayText(filter.created.label, 60)}`);
  if (filter.minScore) add('minScore', `score ≥ ${filter.minScore}`);
  if (filter.types && filter.types.length > 0) {
    add('types', filter.types.length <= 2 ? filter.types.map((t) => displayText(readableEventType(t), 40)).join(' or ') : `${filter.types.length} event types`);
  }
  if (filter.text?.trim()) add('text', `text "${displayText(filter.text.trim(), 40)}"`);
  return parts;
}

/** The filter without one of its parts. */
export function withoutPart(filter: EventFilter, part: FilterPart): EventFilter {
  const rest = { ...filter };
  delete rest[part];
  return rest;
}

/** One line naming every active filter, or undefined when none is. `sourceLabel` names a source id. */
export function describeFilter(filter: EventFilter, sourceLabel: (sourceId: string) => string = (id) => id): string | undefined {
  const parts = filterParts(filter, sourceLabel);
  return parts.length > 0 ? parts.map((p) => p.text).join(', ') : undefined;
}
