import { displayText } from '../model/format';
import { PtaEvent } from '../model/ptaEvent';
import { searchNeedle } from './eventFilter';

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
  const needle = searchNeedle({ text: filterText });
  if (!needle) return undefined;
  const places = new Set<string>();
  collectPlaces(event.raw, NOWHERE, needle, places);
  if (places.size === 0) return undefined;
  const ranked = PLACE_ORDER.filter((place) => places.has(place));
  const shown = ranked.slice(0, SHOWN_PLACES).join(' and ');
  const more = ranked.length - SHOWN_PLACES;
  return `matched: ${displayText(filterText.trim(), 40)} in ${shown}${more > 0 ? ` and ${more} more` : ''}`;
}

/** Where a value sits, as much of its path as names its place: the outermost container, the key it is under, whether that is a top-level key. */
interface Where {
  readonly container?: string;
  readonly key?: string;
  readonly topLevel: boolean;
}

const NOWHERE: Where = { topLevel: false };

function collectPlaces(value: unknown, where: Where, needle: string, into: Set<string>): void {
  if (typeof value === 'string' || typeof value === 'number') {
    if (String(value).toLowerCase().includes(needle)) into.add(placeOf(where));
  } else if (Array.isArray(value)) {
    for (const item of value) collectPlaces(item, where, needle, into);
  } else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      collectPlaces(object[key], { container: where.container ?? CONTAINERS.get(key), key, topLevel: where === NOWHERE }, needle, into);
    }
  }
}

function placeOf(where: Where): string {
  if (where.topLevel && where.key === 'type') return 'the event type';
  return where.container ?? (where.key !== undefined ? FIELDS.get(where.key) : undefined) ?? 'another field';
}
