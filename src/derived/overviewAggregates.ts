import type { Entity, EntityKind } from '../model/entities';
import { displayText, formatScore, readableCloseReason, readableEventType, RiskBand, riskBand } from '../model/format';
import type { PtaEvent } from '../model/ptaEvent';
import { formatDuration } from './durationText';
import { addDays, HOUR_MS, isoDate, isoOffset, ZonedCalendar } from './zonedCalendar';

/**
 * The Overview's figures over the loaded events of every source: counts per bucket and short
 * top lists, never the events themselves, so the page receives kilobytes whatever the estate's
 * size. One pass over the events; pure, no vscode.
 */
export interface OverviewInput {
  readonly sources: ReadonlyArray<{ readonly id: string; readonly label: string; readonly events: Iterable<PtaEvent> }>;
  /** Epoch ms the window ends at (today, this hour). */
  readonly now: number;
  /** The look-back window: per day, or per hour when it is 2 days or less. */
  readonly lookbackDays: number;
  /** IANA zone the days and hours follow; the machine's when missing or unknown. */
  readonly timeZone?: string;
  /** The entities of an event of the given source, each kind and key once (see src/derived/entityIndex.ts). */
  readonly entitiesOf: (event: PtaEvent, sourceId: string) => readonly Entity[];
  /** Length of each top list; default 8. */
  readonly topCount?: number;
}

export const RISK_BANDS: readonly RiskBand[] = ['high', 'medium', 'low'];
export const ENTITY_KINDS: readonly EntityKind[] = ['account', 'user', 'host'];

export type BandCounts = Record<RiskBand, number>;

export interface TimeBucket {
  /** `2026-03-29` for a day, `2026-03-29T14:00+02:00` for an hour (the offset keeps a repeated hour apart). */
  readonly key: string;
  /** Short text for the axis and the table: `Sun 29 Mar`, `14:00`. */
  readonly label: string;
  /** [start, end) in epoch ms. */
  readonly start: number;
  readonly end: number;
  readonly open: BandCounts;
  readonly closed: BandCounts;
}

export interface OverviewTimeline {
  readonly unit: 'day' | 'hour';
  readonly timeZone: string;
  /** Oldest first. Events are placed by their creation time (their last update when it is unknown). */
  readonly buckets: readonly TimeBucket[];
  /** Loaded events created before the window (they were updated within it) or after its end. */
  readonly earlier: number;
  readonly later: number;
}

export interface TypeCount {
  /** As the vault sent it: the value a type filter uses. */
  readonly type: string;
  /** Readable and display-safe. */
  readonly label: string;
  readonly open: number;
  readonly closed: number;
}

export interface EntityRank {
  readonly sourceId: string;
  readonly kind: EntityKind;
  readonly key: string;
  /** Display-safe. */
  readonly label: string;
  readonly openCount: number;
  readonly maxOpenScore: number;
  /** The band and the score as shown, of maxOpenScore. */
  readonly band: RiskBand;
  readonly scoreText: string;
}

export interface ReasonCount {
  /** Readable and display-safe; `Not given` when the vault has none. */
  readonly label: string;
  readonly count: number;
}

export interface SourceCount {
  readonly id: string;
  /** Display-safe. */
  readonly label: string;
  readonly open: number;
  readonly closed: number;
  readonly openByBand: BandCounts;
}

export interface OverviewData {
  readonly now: number;
  readonly lookbackDays: number;
  readonly total: number;
  readonly open: number;
  readonly closed: number;
  readonly openByBand: BandCounts;
  readonly timeline: OverviewTimeline;
  /** Most events first, at most TYPE_LIMIT of them. */
  readonly types: readonly TypeCount[];
  /** Types beyond that limit, summed. */
  readonly otherTypes: { readonly types: number; readonly events: number };
  /** Highest open score first, then most open events; entities with open events only. */
  readonly topEntities: Readonly<Record<EntityKind, readonly EntityRank[]>>;
  readonly closedByReason: readonly ReasonCount[];
  /**
   * Median of lastUpdateTime - createTime over closed events. An approximation of the time to
   * close: the last update may be later than the close (a comment, a reopen and close).
   */
  readonly closeTime: { readonly medianMs: number | undefined; readonly medianText: string | undefined; readonly sampleCount: number };
  readonly sources: readonly SourceCount[];
}

export const TYPE_LIMIT = 12;
const DEFAULT_TOP_COUNT = 8;
const MAX_LOOKBACK_DAYS = 3650;
const HOURLY_UP_TO_DAYS = 2;
const NOT_GIVEN = 'Not given';

const BAND_INDEX: Record<RiskBand, number> = { high: 0, medium: 1, low: 2 };

export function computeOverview(input: OverviewInput): OverviewData {
  const lookbackDays = Math.min(MAX_LOOKBACK_DAYS, Math.max(1, Math.floor(input.lookbackDays) || 1));
  const calendar = new ZonedCalendar(input.timeZone);
  const frame = lookbackDays <= HOURLY_UP_TO_DAYS ? hourFrame(calendar, input.now, lookbackDays) : dayFrame(calendar, input.now, lookbackDays);
  const starts = frame.map((b) => b.start);
  const windowStart = starts[0];
  const windowEnd = frame[frame.length - 1].end;
  // Per bucket: open high, medium, low, then closed high, medium, low.
  const bucketCounts = new Int32Array(frame.length * 6);
  const openByBand = new Int32Array(3);
  const types = new Map<string, { open: number; closed: number }>();
  const rawReasons = new Map<string | undefined, number>();
  const closeDurations: number[] = [];
  const entityRanks: EntityRank[] = [];
  const sources: SourceCount[] = [];
  let earlier = 0;
  let later = 0;
  let total = 0;

  for (const source of input.sources) {
    const sourceBands = new Int32Array(3);
    const entities = new Map<string, { entity: Entity; openCount: number; maxOpenScore: number }>();
    let sourceClosed = 0;
    for (const event of source.events) {
      const open = event.status === 'OPEN';
      const band = BAND_INDEX[riskBand(event.score)];
      const when = event.createTime ?? event.lastUpdateTime;
      if (when < windowStart) earlier++;
      else if (when >= windowEnd) later++;
      else bucketCounts[bucketIndex(starts, when) * 6 + (open ? 0 : 3) + band]++;

      let typeCount = types.get(event.type);
      if (!typeCount) types.set(event.type, (typeCount = { open: 0, closed: 0 }));
      if (open) {
        typeCount.open++;
        sourceBands[band]++;
        for (const entity of input.entitiesOf(event, source.id)) {
          const held = entities.get(entity.key);
          if (!held) entities.set(entity.key, { entity, openCount: 1, maxOpenScore: event.score });
          else {
            held.openCount++;
            if (event.score > held.maxOpenScore) held.maxOpenScore = event.score;
          }
        }
      } else {
        typeCount.closed++;
        sourceClosed++;
        rawReasons.set(event.closeReason, (rawReasons.get(event.closeReason) ?? 0) + 1);
        if (event.createTime !== undefined && event.lastUpdateTime >= event.createTime) closeDurations.push(event.lastUpdateTime - event.createTime);
      }
    }
    for (const { entity, openCount, maxOpenScore } of entities.values()) {
      entityRanks.push({
        sourceId: source.id,
        kind: entity.kind,
        key: entity.key,
        label: displayText(entity.label, 80),
        openCount,
        maxOpenScore,
        band: riskBand(maxOpenScore),
        scoreText: formatScore(maxOpenScore),
      });
    }
    const sourceOpen = sourceBands[0] + sourceBands[1] + sourceBands[2];
    for (let i = 0; i < 3; i++) openByBand[i] += sourceBands[i];
    total += sourceOpen + sourceClosed;
    sources.push({ id: source.id, label: displayText(source.label, 80), open: sourceOpen, closed: sourceClosed, openByBand: bands(sourceBands, 0) });
  }

  const open = openByBand[0] + openByBand[1] + openByBand[2];
  const sortedTypes = [...types]
    .map(([type, counts]) => ({ type, label: displayText(readableEventType(type), 80), ...counts }))
    .sort((a, b) => b.open + b.closed - (a.open + a.closed) || compareText(a.label, b.label));
  const beyond = sortedTypes.slice(TYPE_LIMIT);
  return {
    now: input.now,
    lookbackDays,
    total,
    open,
    closed: total - open,
    openByBand: bands(openByBand, 0),
    timeline: {
      unit: lookbackDays <= HOURLY_UP_TO_DAYS ? 'hour' : 'day',
      timeZone: calendar.timeZone,
      buckets: frame.map((b, i) => ({ ...b, open: bands(bucketCounts, i * 6), closed: bands(bucketCounts, i * 6 + 3) })),
      earlier,
      later,
    },
    types: sortedTypes.slice(0, TYPE_LIMIT),
    otherTypes: { types: beyond.length, events: beyond.reduce((sum, t) => sum + t.open + t.closed, 0) },
    topEntities: topEntities(entityRanks, input.topCount ?? DEFAULT_TOP_COUNT),
    closedByReason: reasonCounts(rawReasons),
    closeTime: closeTime(closeDurations),
    sources,
  };
}

type BucketFrame = Pick<TimeBucket, 'key' | 'label' | 'start' | 'end'>;

/** `days` local days ending with today's, oldest first. */
function dayFrame(calendar: ZonedCalendar, now: number, days: number): BucketFrame[] {
  const today = calendar.dateAt(now);
  const label = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
  const frame: BucketFrame[] = [];
  let hint = calendar.offsetAt(now);
  let start = calendar.startOfDay(addDays(today, 1 - days), hint);
  for (let i = 1 - days; i <= 0; i++) {
    const date = addDays(today, i);
    const end = calendar.startOfDay(addDays(date, 1), hint);
    hint = calendar.offsetAt(end);
    frame.push({ key: isoDate(date), label: label.format(Date.UTC(date.year, date.month - 1, date.day)), start, end });
    start = end;
  }
  return frame;
}

/** `days * 24` local hours ending with the current one, oldest first. */
function hourFrame(calendar: ZonedCalendar, now: number, days: number): BucketFrame[] {
  const hours = days * 24;
  const first = calendar.startOfHour(now) - (hours - 1) * HOUR_MS;
  const frame: BucketFrame[] = [];
  for (let i = 0; i < hours; i++) {
    const start = first + i * HOUR_MS;
    const wall = new Date(calendar.wallAt(start));
    const time = wall.toISOString().slice(11, 16);
    frame.push({ key: `${isoDate(calendar.dateAt(start))}T${time}${isoOffset(calendar.offsetAt(start))}`, label: time, start, end: start + HOUR_MS });
  }
  return frame;
}

/** The last bucket whose start is at or before `when` (the caller has checked the window). */
function bucketIndex(starts: readonly number[], when: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= when) low = middle;
    else high = middle - 1;
  }
  return low;
}

function bands(counts: Int32Array, offset: number): BandCounts {
  return { high: counts[offset], medium: counts[offset + 1], low: counts[offset + 2] };
}

function topEntities(ranks: EntityRank[], count: number): Record<EntityKind, EntityRank[]> {
  const byKind: Record<EntityKind, EntityRank[]> = { account: [], user: [], host: [] };
  for (const rank of ranks) byKind[rank.kind]?.push(rank);
  for (const kind of ENTITY_KINDS) {
    byKind[kind] = byKind[kind]
      .sort((a, b) => b.maxOpenScore - a.maxOpenScore || b.openCount - a.openCount || compareText(a.label, b.label))
      .slice(0, count);
  }
  return byKind;
}

function reasonCounts(rawReasons: Map<string | undefined, number>): ReasonCount[] {
  const byLabel = new Map<string, number>();
  for (const [reason, count] of rawReasons) {
    const label = readableCloseReason(reason) ?? NOT_GIVEN;
    byLabel.set(label, (byLabel.get(label) ?? 0) + count);
  }
  return [...byLabel].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || compareText(a.label, b.label));
}

function closeTime(durations: number[]): OverviewData['closeTime'] {
  if (durations.length === 0) return { medianMs: undefined, medianText: undefined, sampleCount: 0 };
  const sorted = Float64Array.from(durations).sort();
  const middle = sorted.length >> 1;
  const medianMs = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { medianMs, medianText: formatDuration(medianMs), sampleCount: sorted.length };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
