import type { EntityKind } from '../model/entities';
import type { RiskBand } from '../model/format';
import { ENTITY_KINDS, OverviewData, RISK_BANDS } from '../derived/overviewAggregates';
import type { FilterPart } from '../store/filterDescription';
import { isPlainObject, isStringRecord } from '../util/messageShape';

/**
 * What a click in the Overview asks of the Events view, resolved against the figures the page
 * was shown: a time bucket carries its bounds, an entity its source, so the filter needs no
 * second lookup. Pure; no vscode.
 */
export type OverviewFilterRequest =
  | { readonly kind: 'band'; readonly band: RiskBand }
  /** Events created in [start, end): one local day, or one hour when the window is short. */
  | { readonly kind: 'time'; readonly unit: 'day' | 'hour'; readonly key: string; readonly label: string; readonly start: number; readonly end: number }
  /** `type` as the vault sent it. */
  | { readonly kind: 'type'; readonly type: string }
  | { readonly kind: 'entity'; readonly sourceId: string; readonly entityKind: EntityKind; readonly key: string; readonly label: string }
  | { readonly kind: 'source'; readonly sourceId: string }
  /** Takes one part of the Events view's filter away, leaving the others. */
  | { readonly kind: 'remove'; readonly part: FilterPart }
  | { readonly kind: 'clear' };

export type OverviewPageMessage = { readonly type: 'ready' } | { readonly type: 'filter'; readonly filter: OverviewFilterRequest };

/** The Events view's filter as the Overview shows it. */
export interface OverviewFilterView {
  /** In words, for example from describeFilter. */
  readonly text: string;
  /** Each part, removable on its own. */
  readonly parts: ReadonlyArray<{ readonly part: FilterPart; readonly text: string }>;
  /** The focus keys of the figures the filter narrows to (`band:high`, `time:2026-03-19`…): drawn pressed. */
  readonly pressed: readonly string[];
}

/** What the extension posts: the figures (or none: nothing loaded) and the Events view's filter. */
export interface OverviewUpdateMessage {
  readonly type: 'overview';
  readonly data: OverviewData | null;
  readonly filter: string | null;
  readonly parts: OverviewFilterView['parts'];
  readonly pressed: readonly string[];
}

const FILTER_PARTS: readonly FilterPart[] = ['minScore', 'types', 'text', 'status', 'band', 'created', 'entity', 'sources'];

/**
 * Anything the page sends is untrusted. Only these exact shapes, with no extra keys, naming a
 * band, bucket, type, entity or source present in the figures the page was given, are acted on.
 */
export function parseOverviewMessage(message: unknown, data: OverviewData | undefined): OverviewPageMessage | undefined {
  if (isStringRecord(message, ['type']) && message.type === 'ready') return { type: 'ready' };
  if (!isPlainObject(message) || Object.keys(message).length !== 2 || message.type !== 'filter') return undefined;
  const filter = parseFilter(message.filter, data);
  return filter && { type: 'filter', filter };
}

function parseFilter(f: unknown, data: OverviewData | undefined): OverviewFilterRequest | undefined {
  if (isStringRecord(f, ['kind']) && f.kind === 'clear') return { kind: 'clear' };
  if (isStringRecord(f, ['kind', 'part']) && f.kind === 'remove') {
    const part = FILTER_PARTS.find((p) => p === f.part);
    return part && { kind: 'remove', part };
  }
  if (!data) return undefined;
  if (isStringRecord(f, ['kind', 'band']) && f.kind === 'band') {
    const band = RISK_BANDS.find((b) => b === f.band);
    return band && { kind: 'band', band };
  }
  if (isStringRecord(f, ['kind', 'key']) && f.kind === 'time') {
    const bucket = data.timeline.buckets.find((b) => b.key === f.key);
    return bucket && { kind: 'time', unit: data.timeline.unit, key: bucket.key, label: bucket.label, start: bucket.start, end: bucket.end };
  }
  if (isStringRecord(f, ['kind', 'type']) && f.kind === 'type') {
    const known = data.types.find((t) => t.type === f.type);
    return known && { kind: 'type', type: known.type };
  }
  if (isStringRecord(f, ['kind', 'sourceId', 'entityKind', 'key']) && f.kind === 'entity') {
    const entityKind = ENTITY_KINDS.find((k) => k === f.entityKind);
    const rank = entityKind && data.topEntities[entityKind].find((r) => r.sourceId === f.sourceId && r.key === f.key);
    return rank && { kind: 'entity', sourceId: rank.sourceId, entityKind: rank.kind, key: rank.key, label: rank.label };
  }
  if (isStringRecord(f, ['kind', 'sourceId']) && f.kind === 'source') {
    const source = data.sources.find((s) => s.id === f.sourceId);
    return source && { kind: 'source', sourceId: source.id };
  }
  return undefined;
}
