import { revealInvisibleInJson } from '../model/format';
import { ExportedEvent } from './exportRow';

/**
 * The events exactly as the vault sent them, grouped by the vault or file they came from: one
 * recorded API answer per source (`{"source", "status_code": 200, "json_body": [...]}`), the shape
 * Open Events from File… reads back, so the source of each event is kept without touching the
 * event itself. Direction-changing and invisible characters are written as \u escapes, which
 * parse back to the same strings but cannot disguise the text in an editor.
 */
export function eventsToJson(events: readonly ExportedEvent[]): string {
  const bySource = new Map<string, unknown[]>();
  for (const { event, source } of events) {
    const list = bySource.get(source) ?? [];
    list.push(event.raw);
    bySource.set(source, list);
  }
  const answers = [...bySource].map(([source, raw]) => ({ source, status_code: 200, json_body: raw }));
  return `${revealInvisibleInJson(JSON.stringify(answers, null, 2))}\n`;
}
