import { displayText } from '../model/format';
import { markdownText } from '../util/markdownText';
import { ExportedEvent, ExportRow, exportRow } from './exportRow';

/**
 * Events as Markdown for tickets and reports ("Copy as Markdown", "Export Events…"): one event as a
 * list of its facts, several as a table. Every vault value is shown as text: invisible characters
 * made visible, long values cut, nothing that can become a link, an image, markup or a cell break.
 */
export function eventsToMarkdown(events: readonly ExportedEvent[]): string {
  return events.length === 1 ? eventList(exportRow(events[0])) : eventTable(events.map(exportRow));
}

const LIST_FACTS: ReadonlyArray<[label: string, key: keyof ExportRow]> = [
  ['Source', 'source'],
  ['ID', 'id'],
  ['Score', 'score'],
  ['Risk', 'band'],
  ['Status', 'status'],
  ['Reason', 'reason'],
  ['Text', 'text'],
  ['Created', 'created'],
  ['Updated', 'updated'],
  ['Accounts', 'accounts'],
  ['Vault users', 'users'],
  ['Source hosts', 'sources'],
  ['Target hosts', 'targets'],
  ['PSM commands', 'commands'],
];

function eventList(row: ExportRow): string {
  const lines = [`### ${text(row.type)}`, ''];
  for (const [label, key] of LIST_FACTS) {
    const value = show(row[key]);
    if (value) lines.push(`- **${label}:** ${value}`);
  }
  return `${lines.join('\n')}\n`;
}

const TABLE_COLUMNS: ReadonlyArray<[title: string, key: keyof ExportRow]> = [
  ['Source', 'source'],
  ['Type', 'type'],
  ['Score', 'score'],
  ['Status', 'status'],
  ['Updated', 'updated'],
  ['Accounts', 'accounts'],
  ['Source hosts', 'sources'],
  ['Target hosts', 'targets'],
  ['ID', 'id'],
];

function eventTable(rows: readonly ExportRow[]): string {
  const lines = [`| ${TABLE_COLUMNS.map(([title]) => title).join(' | ')} |`, `|${TABLE_COLUMNS.map(() => ' --- |').join('')}`];
  for (const row of rows) lines.push(`| ${TABLE_COLUMNS.map(([, key]) => show(row[key])).join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}

function show(value: string | readonly string[]): string {
  return typeof value === 'string' ? text(value) : value.map(text).join(', ');
}

function text(value: string): string {
  return markdownText(displayText(value, 200));
}
