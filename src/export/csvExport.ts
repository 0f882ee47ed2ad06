import { EXPORT_COLUMNS, ExportedEvent, exportRow } from './exportRow';

/**
 * Events as CSV (RFC 4180): a header row, one row per event, CRLF line ends, a field quoted
 * when it holds a quote, comma, CR or LF. Lists (accounts, hosts) are joined with "; ", commands
 * with line breaks. The first column names the vault or file of each event.
 * Vault text is untrusted: a value a spreadsheet would run as a formula gets a leading apostrophe.
 */
export function eventsToCsv(events: readonly ExportedEvent[]): string {
  const lines = [EXPORT_COLUMNS.map((column) => csvField(column.title))];
  for (const event of events) {
    const row = exportRow(event);
    lines.push(EXPORT_COLUMNS.map(({ key, join = '; ' }) => {
      const value = row[key];
      return csvField(typeof value === 'string' ? value : value.join(join));
    }));
  }
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
}

// What Excel, LibreOffice and Google Sheets read as the start of a formula (OWASP's list).
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  const inert = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}
