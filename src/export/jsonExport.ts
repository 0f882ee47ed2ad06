import { revealInvisibleInJson } from '../model/format';
import { PtaEvent } from '../model/ptaEvent';

/**
 * The events exactly as the vault sent them, as a pretty JSON array: a file that can be read back.
 * Direction-changing and invisible characters are written as \u escapes, which parse back to the
 * same strings but cannot disguise the text in an editor.
 */
export function eventsToJson(events: readonly PtaEvent[]): string {
  return `${revealInvisibleInJson(JSON.stringify(events.map((event) => event.raw), null, 2))}\n`;
}
