import { displayText } from '../model/format';
import { PtaEvent } from '../model/ptaEvent';

/**
 * Why an event matched a free-text filter, in the analyst's words: "matched: curl in a command".
 * It looks where eventSearchText looks (every string and number value of the raw event) and
 * names the kind of field the text was found in. Pure; no vscode.
 */

/** Places in the order a match there is most telling to an analyst. */
const PLACE_ORDER = [
  'a command', 'an account', 'a vault user', 'a target', 'a source', 'the event type', 'an audit',
  'the close reason', 'additional data', 'cloud data', 'the status', 'the score', 'a time', 'an ID', 'another field',
];

// Maps, not object literals: a vault key such as "__proto__" must find nothing.
/** Objects whose every value belongs to one place, wherever inside them the text was found. */
const CONTAINERS = new Map([
  ['account', 'an account'],
  ['source', 'a source'],
  ['target', 'a target'],
  ['additionalData', 'additional data'],
  ['cloudData', 'cloud data'],
]);

const FIELDS = new Map([
  ['psmCommand', 'a command'],
  ['accountId', 'an account'],
  ['vaultUser', 'a vault user'],
  ['action', 'an audit'],
  ['type', 'an audit'],
  ['sensorType', 'an audit'],
  ['closeReason', 'the close reason'],
  ['reasonText', 'the close reason'],
  ['mStatus', 'the status'],
  ['score', 'the score'],
  ['createTime', 'a time'],
  ['lastUpdateTime', 'a time'],
  ['id', 'an ID'],
]);

const SHOWN_PLACES = 2;

/** "matched: curl in a command", "matched: 10.0.0.5 in a target and a source"; undefined when the text is empty or found nowhere. */
export function matchReason(event: PtaEvent, filterText: string): string | undefined {
  const needle = filterText.trim().toLowerCase();
  if (!needle) return undefined;
  const places = new Set<string>();
  collectPlaces(event.raw, [], needle, places);
  if (places.size === 0) return undefined;
  const ranked = PLACE_ORDER.filter((place) => places.has(place));
  const shown = ranked.slice(0, SHOWN_PLACES).join(' and ');
  const more = ranked.length - SHOWN_PLACES;
  return `matched: ${displayText(filterText.trim(), 40)} in ${shown}${more > 0 ? ` and ${more} more` : ''}`;
}

function collectPlaces(value: unknown, path: readonly string[], needle: string, into: Set<string>): void {
  if (typeof value === 'string' || typeof value === 'number') {
    if (String(value).toLowerCase().includes(needle)) into.add(placeOf(path));
  } else if (Array.isArray(value)) {
    for (const item of value) collectPlaces(item, path, needle, into);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collectPlaces(item, [...path, key], needle, into);
  }
}

function placeOf(path: readonly string[]): string {
  if (path.length === 1 && path[0] === 'type') return 'the event type';
  for (const key of path) {
    const place = CONTAINERS.get(key);
    if (place) return place;
  }
  return FIELDS.get(path[path.length - 1]) ?? 'another field';
}
