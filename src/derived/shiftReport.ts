import type { EntityKind } from '../model/entities';
import { displayText, formatScore, readableEventType, riskBand } from '../model/format';
import type { PtaEvent } from '../model/ptaEvent';
import { markdownText } from '../util/markdownText';
import type { EntityRank, OverviewData } from './overviewAggregates';
import { formatZonedMinute, ZonedCalendar } from './zonedCalendar';

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

const ENTITY_TITLES: ReadonlyArray<[EntityKind, string, string]> = [
  ['account', 'Top accounts by open risk', 'Account'],
  ['user', 'Top vault users by open risk', 'Vault user'],
  ['host', 'Top hosts by open risk', 'Host'],
];

/**
 * The Overview's figures and the open high-risk events as Markdown, to paste into a ticket or a
 * chat. Every vault string goes through markdownText, so none can become a link, an image, a
 * heading or a table cell break wherever the report is pasted. Pure.
 */
export function shiftReportMarkdown(overview: OverviewData, openHighRisk: readonly ReportedEvent[], now: number): string {
  const calendar = new ZonedCalendar(overview.timeline.timeZone);
  const time = (ms: number | undefined) => (ms ? formatZonedMinute(calendar, ms) : 'unknown');
  const sourceNames = overview.sources.map((s) => text(s.label)).join(', ');
  const lines = [
    '# CyberArk PTA shift report',
    '',
    `${time(now)} (${calendar.timeZone}), events updated in the last ${count(overview.lookbackDays)} days: ` +
      `${count(overview.total)} loaded from ${sourceNames || 'no source'}.`,
    '',
    `## Open events: ${count(overview.open)}`,
    '',
    ...table(
      ['Risk', 'Open events'],
      [
        ['High (score above 75)', count(overview.openByBand.high)],
        ['Medium (35 to 75)', count(overview.openByBand.medium)],
        ['Low (below 35)', count(overview.openByBand.low)],
      ],
    ),
    '',
    `Closed events: ${count(overview.closed)}. ${closeTimeSentence(overview)}`,
  ];

  if (overview.sources.length > 1) {
    lines.push('', '## Per source', '', ...table(['Source', 'Open', 'Open high', 'Closed'], overview.sources.map((s) => [text(s.label), count(s.open), count(s.openByBand.high), count(s.closed)])));
  }
  if (overview.types.length > 0) {
    const rows = overview.types.map((t) => [text(t.label), count(t.open), count(t.closed)]);
    if (overview.otherTypes.types > 0) rows.push([`${count(overview.otherTypes.types)} other types`, '', count(overview.otherTypes.events)]);
    lines.push('', '## Event types', '', ...table(['Type', 'Open', 'Closed'], rows));
  }
  for (const [kind, title, column] of ENTITY_TITLES) {
    const ranks = overview.topEntities[kind];
    if (ranks.length > 0) lines.push('', `## ${title}`, '', ...entityTable(column, ranks, overview));
  }
  if (overview.closedByReason.length > 0) {
    lines.push('', '## Closed events by reason', '', ...table(['Reason', 'Events'], overview.closedByReason.map((r) => [text(r.label), count(r.count)])));
  }

  const reported = [...openHighRisk].sort((a, b) => b.event.score - a.event.score || b.event.lastUpdateTime - a.event.lastUpdateTime);
  lines.push('', `## Open high-risk events: ${count(reported.length)}`, '');
  if (reported.length === 0) {
    lines.push('None.');
  } else {
    const shown = reported.slice(0, REPORTED_EVENT_LIMIT);
    lines.push(
      ...table(
        ['Score', 'Type', 'Source', 'Created', 'Last update', 'Event ID'],
        shown.map(({ event, sourceLabel }) => [
          formatScore(event.score),
          text(readableEventType(event.type)),
          text(sourceLabel),
          time(event.createTime),
          time(event.lastUpdateTime),
          text(event.id),
        ]),
      ),
    );
    if (reported.length > shown.length) lines.push('', `${count(reported.length - shown.length)} more with lower scores are not listed.`);
  }
  return `${lines.join('\n')}\n`;
}

function closeTimeSentence(overview: OverviewData): string {
  const { medianText, sampleCount } = overview.closeTime;
  if (!medianText) return 'No closed event has both a creation and an update time.';
  return (
    `Median time from creation to last update of closed events: ${medianText} ` +
    `(an approximation of the time to close, over ${count(sampleCount)} events).`
  );
}

function entityTable(column: string, ranks: readonly EntityRank[], overview: OverviewData): string[] {
  const sourceLabels = new Map(overview.sources.map((s) => [s.id, s.label]));
  const severalSources = overview.sources.length > 1;
  const header = severalSources ? [column, 'Source', 'Highest open score', 'Open events'] : [column, 'Highest open score', 'Open events'];
  return table(
    header,
    ranks.map((r) => {
      const figures = [formatScore(r.maxOpenScore), count(r.openCount)];
      return severalSources ? [text(r.label), text(sourceLabels.get(r.sourceId) ?? r.sourceId), ...figures] : [text(r.label), ...figures];
    }),
  );
}

/** Rows already escaped; numbers right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const align = header.map((_, i) => (i > 0 && rows.every((row) => /^[\d,.]*$/.test(row[i])) ? '---:' : '---'));
  return [`| ${header.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

/** A vault string, single-line and inert in Markdown. */
function text(value: string): string {
  return markdownText(displayText(value, 120));
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
