import type { EntityKind } from '../model/entities';
import { displayText, formatScore, readableEventType, riskBand } from '../model/format';
import type { PtaEvent } from '../model/ptaEvent';
import type { SourceKind, SourceState } from '../sources/eventSource';
import { markdownPlainText } from '../util/markdownText';
import type { EntityRank, OverviewData } from './overviewAggregates';
import { formatZonedMinute, ZonedCalendar } from './zonedCalendar';

/** A source as the report sees it: its kind and state decide whether and how it is counted. */
export interface ReportSource {
  readonly id: string;
  readonly label: string;
  readonly kind: SourceKind;
  readonly state: SourceState;
  readonly events: Iterable<PtaEvent>;
}

/** What the report counts, and what it leaves out and says so. */
export interface ReportScope {
  /** Loaded or stale sources, each with the events it alone holds. */
  readonly included: ReadonlyArray<{ readonly id: string; readonly label: string; readonly events: readonly PtaEvent[]; readonly staleSince?: number }>;
  /** Signed out, failed or still loading: not counted. */
  readonly excluded: ReadonlyArray<{ readonly label: string; readonly why: string }>;
  /** Events of a file whose id a vault (or an earlier file) already holds: counted there, once. */
  readonly copies: ReadonlyArray<{ readonly label: string; readonly count: number; readonly heldBy: readonly string[] }>;
}

/**
 * The sources a shift report counts. A file often holds a saved answer of a vault that is signed
 * in too: an event whose id a vault (or an earlier file) holds is counted there only. Two vaults
 * are never merged: an id is unique within one vault only. Pure.
 */
export function reportScope(sources: readonly ReportSource[]): ReportScope {
  const holder = new Map<string, string>();
  const included: Array<ReportScope['included'][number]> = [];
  const excluded: Array<ReportScope['excluded'][number]> = [];
  const copies: Array<ReportScope['copies'][number]> = [];
  const ordered = [...sources.filter((s) => s.kind === 'vault'), ...sources.filter((s) => s.kind === 'file')];
  for (const source of ordered) {
    const { state } = source;
    if (state.kind !== 'loaded' && state.kind !== 'stale') {
      excluded.push({ label: source.label, why: state.kind === 'signedOut' ? 'signed out' : state.kind === 'failed' ? 'its load failed' : 'still loading' });
      continue;
    }
    const own: PtaEvent[] = [];
    const heldBy = new Map<string, number>();
    for (const event of source.events) {
      const other = source.kind === 'file' ? holder.get(event.id) : undefined;
      if (other !== undefined) {
        heldBy.set(other, (heldBy.get(other) ?? 0) + 1);
        continue;
      }
      own.push(event);
    }
    for (const event of own) if (!holder.has(event.id)) holder.set(event.id, source.label);
    const copied = [...heldBy.values()].reduce((sum, n) => sum + n, 0);
    if (copied > 0) copies.push({ label: source.label, count: copied, heldBy: [...heldBy.keys()] });
    included.push({ id: source.id, label: source.label, events: own, staleSince: state.kind === 'stale' ? state.asOf : undefined });
  }
  return { included, excluded, copies };
}

/** An open high-risk event and the name of the vault or file it came from. */
export interface ReportedEvent {
  readonly event: PtaEvent;
  readonly sourceLabel: string;
}

/** The open events of the high band, each with its source's label. */
export function openHighRiskEvents(sources: ReadonlyArray<{ readonly label: string; readonly events: Iterable<PtaEvent> }>): ReportedEvent[] {
  const reported: ReportedEvent[] = [];
  for (const source of sources) {
    for (const event of source.events) {
      if (event.status === 'OPEN' && riskBand(event.score) === 'high') reported.push({ event, sourceLabel: source.label });
    }
  }
  return reported;
}

/** Rows of open high-risk events in one report; the rest are counted. */
export const REPORTED_EVENT_LIMIT = 50;

const ENTITY_TITLES: ReadonlyArray<[EntityKind, string]> = [
  ['account', 'Top accounts by open risk'],
  ['user', 'Top vault users by open risk'],
  ['host', 'Top hosts by open risk'],
];

/**
 * The Overview's figures of the sources in scope and their open high-risk events, to paste into
 * a ticket, a chat or a plain editor. Lists rather than tables, and every vault or file string
 * through markdownPlainText: the text reads cleanly as plain text (no backslash escapes) and,
 * where Markdown renders, no vault string can become a link, an image, a heading or markup. Pure.
 */
export function shiftReportMarkdown(overview: OverviewData, scope: ReportScope, now: number): string {
  const calendar = new ZonedCalendar(overview.timeline.timeZone);
  const time = (ms: number | undefined) => (ms ? formatZonedMinute(calendar, ms) : 'unknown');
  const lines = [
    '# CyberArk PTA shift report',
    '',
    `${time(now)} (${calendar.timeZone}), events updated in the last ${count(overview.lookbackDays)} days: ` +
      `${count(overview.total)} loaded from ${scope.included.map((s) => text(s.label)).join(', ') || 'no source'}.`,
  ];
  for (const stale of scope.included.filter((s) => s.staleSince !== undefined)) {
    lines.push(`${text(stale.label)} could not be refreshed: its figures are as of ${time(stale.staleSince)}.`);
  }
  if (scope.excluded.length > 0) {
    lines.push(`Not counted: ${scope.excluded.map((s) => `${text(s.label)} (${s.why})`).join(', ')}.`);
  }
  for (const copy of scope.copies) {
    lines.push(`${count(copy.count)} ${plural(copy.count, 'event')} of ${text(copy.label)} ${copy.count === 1 ? 'is a copy' : 'are copies'} of events in ${copy.heldBy.map(text).join(', ')}, counted there once.`);
  }
  lines.push(
    '',
    `## Open events: ${count(overview.open)}`,
    '',
    `- High (score above 75): ${count(overview.openByBand.high)}`,
    `- Medium (35 to 75): ${count(overview.openByBand.medium)}`,
    `- Low (below 35): ${count(overview.openByBand.low)}`,
    '',
    `Closed events: ${count(overview.closed)}. ${closeTimeSentence(overview)}`,
    '',
    '## Per source',
    '',
    ...overview.sources.map((s) => `- ${text(s.label)}: ${count(s.open)} open (${count(s.openByBand.high)} high), ${count(s.closed)} closed`),
  );
  if (overview.types.length > 0) {
    lines.push('', '## Event types', '', ...overview.types.map((t) => `- ${text(t.label)}: ${count(t.open)} open, ${count(t.closed)} closed`));
    const other = overview.otherTypes;
    if (other.types > 0) lines.push(`- ${count(other.types)} other ${plural(other.types, 'type')} with ${count(other.events)} ${plural(other.events, 'event')}`);
  }
  for (const [kind, title] of ENTITY_TITLES) {
    const ranks = overview.topEntities[kind];
    if (ranks.length > 0) lines.push('', `## ${title}`, '', ...ranks.map((r) => entityLine(r, overview)));
  }
  if (overview.closedByReason.length > 0) {
    lines.push('', '## Closed events by reason', '', ...overview.closedByReason.map((r) => `- ${text(r.label)}: ${count(r.count)}`));
  }

  const reported = [...openHighRiskEvents(scope.included)].sort((a, b) => b.event.score - a.event.score || b.event.lastUpdateTime - a.event.lastUpdateTime);
  lines.push('', `## Open high-risk events: ${count(reported.length)}`, '');
  if (reported.length === 0) {
    lines.push('None.');
  } else {
    const shown = reported.slice(0, REPORTED_EVENT_LIMIT);
    for (const { event, sourceLabel } of shown) {
      lines.push(
        `- ${formatScore(event.score)} ${text(readableEventType(event.type))} in ${text(sourceLabel)}, ` +
          `created ${time(event.createTime)}, last update ${time(event.lastUpdateTime)}, id ${text(event.id)}`,
      );
    }
    if (reported.length > shown.length) lines.push('', `${count(reported.length - shown.length)} more with lower scores are not listed.`);
  }
  return `${lines.join('\n')}\n`;
}

function closeTimeSentence(overview: OverviewData): string {
  const { medianText, sampleCount } = overview.closeTime;
  if (!medianText) return 'No closed event has both a creation and an update time.';
  return (
    `Median time from creation to last update of closed events: ${medianText} ` +
    `(an approximation of the time to close, over ${count(sampleCount)} ${plural(sampleCount, 'event')}).`
  );
}

function entityLine(rank: EntityRank, overview: OverviewData): string {
  const source = overview.sources.length > 1 ? ` in ${text(overview.sources.find((s) => s.id === rank.sourceId)?.label ?? rank.sourceId)}` : '';
  return `- ${text(rank.label)}${source}: highest open score ${formatScore(rank.maxOpenScore)}, ${count(rank.openCount)} open`;
}

/** A vault or file string, single-line, reading the same as plain text and as Markdown. */
function text(value: string): string {
  return markdownPlainText(displayText(value, 120));
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
