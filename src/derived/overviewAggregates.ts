import type { Entity, EntityKind } from '../model/entities';
import { displayText, formatScore, readableCloseReason, readableEventType, RiskBand, riskBand } from '../model/format';
import type { PtaEvent } from '../model/ptaEvent';
import { formatDuration } from './durationText';
import { countBelow, SourceTally } from './overviewTally';
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

/** One source's counts and its entities with open events, as overviewOf takes them. */
export interface SourceFigures {
  readonly id: string;
  readonly label: string;
  readonly tally: SourceTally;
  /** Each entity with open events once, with their count and highest score. */
  readonly openEntities: Iterable<OpenEntity>;
}

export interface OpenEntity {
  readonly entity: Entity;
  readonly openCount: number;
  readonly maxOpenScore: number;
}

export type OverviewWindow = Pick<OverviewInput, 'now' | 'lookbackDays' | 'timeZone' | 'topCount'>;

/** Every figure from the events themselves: one pass per source. */
export function computeOverview(input: OverviewInput): OverviewData {
  const figures = input.sources.map((source) => {
    const events = [...source.events];
    return { id: source.id, label: source.label, tally: SourceTally.of(events), openEntities: openEntitiesOf(events, (event) => input.entitiesOf(event, source.id)) };
  });
  return overviewOf(figures, input);
}

/** The entities of the open events, each key once, with the first entity seen for it. */
function openEntitiesOf(events: readonly PtaEvent[], entitiesOf: (event: PtaEvent) => readonly Entity[]): OpenEntity[] {
  const entities = new Map<string, { entity: Entity; openCount: number; maxOpenScore: number }>();
  for (const event of events) {
    if (event.status !== 'OPEN') continue;
    for (const entity of entitiesOf(event)) {
      const held = entities.get(entity.key);
      if (!held) entities.set(entity.key, { entity, openCount: 1, maxOpenScore: event.score });
      else {
        held.openCount++;
        if (event.score > held.maxOpenScore) held.maxOpenScore = event.score;
      }
    }
  }
  return [...entities.values()];
}

/** The figures from each source's tally: the window's buckets are counted by binary search in the tallies' sorted times. */
export function overviewOf(sources: readonly SourceFigures[], window: OverviewWindow): OverviewData {
  const lookbackDays = Math.min(MAX_LOOKBACK_DAYS, Math.max(1, Math.floor(window.lookbackDays) || 1));
  const { timeZone, frame } = frameFor(window.timeZone, window.now, lookbackDays);
  const windowEnd = frame[frame.length - 1].end;
  // Per bucket: open high, medium, low, then closed high, medium, low.
  const bucketCounts = new Int32Array(frame.length * 6);
  const openByBand = new Int32Array(3);
  const types = new Map<string, { open: number; closed: number }>();
  const rawReasons = new Map<string | undefined, number>();
  const entityRanks: EntityRank[] = [];
  const counts: SourceCount[] = [];
  let earlier = 0;
  let later = 0;
  let total = 0;

  for (const { id, label, tally, openEntities } of sources) {
    tally.times.forEach((times, list) => {
      const below = frame.map((bucket) => countBelow(times, bucket.start));
      below.push(countBelow(times, windowEnd));
      earlier += below[0];
      later += times.length - below[frame.length];
      for (let i = 0; i < frame.length; i++) bucketCounts[i * 6 + list] += below[i + 1] - below[i];
    });
    for (const [type, count] of tally.types) {
      const held = types.get(type);
      if (!held) types.set(type, { ...count });
      else {
        held.open += count.open;
        held.closed += count.closed;
      }
    }
    for (const [reason, count] of tally.reasons) rawReasons.set(reason, (rawReasons.get(reason) ?? 0) + count);
    for (const { entity, openCount, maxOpenScore } of openEntities) {
      entityRanks.push({
        sourceId: id,
        kind: entity.kind,
        key: entity.key,
        label: displayText(entity.label, 80),
        openCount,
        maxOpenScore,
        band: riskBand(maxOpenScore),
        scoreText: formatScore(maxOpenScore),
      });
    }
    const sourceBands = tally.openByBand;
    const sourceOpen = sourceBands[0] + sourceBands[1] + sourceBands[2];
    for (let i = 0; i < 3; i++) openByBand[i] += sourceBands[i];
    total += sourceOpen + tally.closed;
    counts.push({ id, label: displayText(label, 80), open: sourceOpen, closed: tally.closed, openByBand: bands(sourceBands, 0) });
  }

  const open = openByBand[0] + openByBand[1] + openByBand[2];
  const sortedTypes = [...types]
    .map(([type, counts]) => ({ type, label: displayText(readableEventType(type), 80), ...counts }))
    .sort((a, b) => b.open + b.closed - (a.open + a.closed) || compareText(a.label, b.label));
  const beyond = sortedTypes.slice(TYPE_LIMIT);
  const closeDurations = sources.length === 1 ? sources[0].tally.closeDurations : sources.flatMap((s) => s.tally.closeDurations).sort((a, b) => a - b);
  return {
    now: window.now,
    lookbackDays,
    total,
    open,
    closed: total - open,
    openByBand: bands(openByBand, 0),
    timeline: {
      unit: lookbackDays <= HOURLY_UP_TO_DAYS ? 'hour' : 'day',
      timeZone,
      buckets: frame.map((b, i) => ({ ...b, open: bands(bucketCounts, i * 6), closed: bands(bucketCounts, i * 6 + 3) })),
      earlier,
      later,
    },
    types: sortedTypes.slice(0, TYPE_LIMIT),
    otherTypes: { types: beyond.length, events: beyond.reduce((sum, t) => sum + t.open + t.closed, 0) },
    topEntities: topEntities(entityRanks, window.topCount ?? DEFAULT_TOP_COUNT),
    closedByReason: reasonCounts(rawReasons),
    closeTime: closeTime(closeDurations),
    sources: counts,
  };
}

type BucketFrame = Pick<TimeBucket, 'key' | 'label' | 'start' | 'end'>;

/** The last frame made: asked again within its newest bucket with the same zone and look-back, it is the same frame (Intl is slow). */
let lastFrame: { zoneAsked: string | undefined; lookbackDays: number; timeZone: string; frame: readonly BucketFrame[] } | undefined;

function frameFor(zoneAsked: string | undefined, now: number, lookbackDays: number): { timeZone: string; frame: readonly BucketFrame[] } {
  const newest = lastFrame?.frame[lastFrame.frame.length - 1];
  if (lastFrame && newest && lastFrame.zoneAsked === zoneAsked && lastFrame.lookbackDays === lookbackDays && now >= newest.start && now < newest.end) return lastFrame;
  const calendar = new ZonedCalendar(zoneAsked);
  const frame = lookbackDays <= HOURLY_UP_TO_DAYS ? hourFrame(calendar, now, lookbackDays) : dayFrame(calendar, now, lookbackDays);
  lastFrame = { zoneAsked, lookbackDays, timeZone: calendar.timeZone, frame };
  return lastFrame;
}

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

/** `sorted`: ascending. */
function closeTime(sorted: readonly number[]): OverviewData['closeTime'] {
  if (sorted.length === 0) return { medianMs: undefined, medianText: undefined, sampleCount: 0 };
  const middle = sorted.length >> 1;
  const medianMs = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { medianMs, medianText: formatDuration(medianMs), sampleCount: sorted.length };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
