import type { OverviewData } from '../derived/overviewAggregates';
import type { EventFilter } from '../store/eventFilter';
import { withoutPart } from '../store/filterDescription';
import type { OverviewFilterRequest } from './overviewMessages';

/**
 * A click in the Overview narrows the Events view's filter by what was clicked; a second click on
 * the same figure takes that part away again. Remove takes one part away; Clear empties the filter.
 */
export function filterFor(current: EventFilter, request: OverviewFilterRequest): EventFilter {
  if (request.kind !== 'clear' && request.kind !== 'remove' && pressedKey(request) !== undefined && pressedKeys(current).includes(pressedKey(request)!)) {
    return withoutPart(current, PARTS[request.kind]);
  }
  switch (request.kind) {
    case 'band':
      return { ...current, band: request.band };
    case 'time':
      return { ...current, created: { from: request.start, to: request.end, label: request.label } };
    case 'type':
      return { ...current, types: [request.type] };
    case 'entity':
      return { ...current, entity: { kind: request.entityKind, key: request.key, label: request.label, sourceId: request.sourceId } };
    case 'source':
      return { ...current, sources: [request.sourceId] };
    case 'remove':
      return withoutPart(current, request.part);
    case 'clear':
      return {};
  }
}

const PARTS = { band: 'band', time: 'created', type: 'types', entity: 'entity', source: 'sources' } as const;

/** The page's focus key of the figure a request names (media/overview.js builds the same keys). */
function pressedKey(request: OverviewFilterRequest): string | undefined {
  switch (request.kind) {
    case 'band':
      return `band:${request.band}`;
    case 'time':
      return `created:${request.start}:${request.end}`;
    case 'type':
      return `type:${request.type}`;
    case 'entity':
      return `entity:${request.sourceId}\u0000${request.key}`;
    case 'source':
      return `source:${request.sourceId}`;
    default:
      return undefined;
  }
}

/**
 * The figures the filter narrows to, as the page's focus keys: drawn pressed, and a second click
 * on one removes its part. A time bucket is matched by its bounds (`data` gives its key).
 */
export function pressedKeys(filter: EventFilter, data?: OverviewData): string[] {
  const keys: string[] = [];
  if (filter.band) keys.push(`band:${filter.band}`);
  if (filter.created) {
    keys.push(`created:${filter.created.from}:${filter.created.to}`);
    const bucket = data?.timeline.buckets.find((b) => b.start === filter.created!.from && b.end === filter.created!.to);
    if (bucket) keys.push(`time:${bucket.key}`);
  }
  if (filter.types?.length === 1) keys.push(`type:${filter.types[0]}`);
  if (filter.entity) keys.push(`entity:${filter.entity.sourceId}\u0000${filter.entity.key}`);
  if (filter.sources?.length === 1) keys.push(`source:${filter.sources[0]}`);
  return keys;
}
