/** Turning event data into short human text. Pure; shared by the tree, the panel and notifications. */
import { eventTypeInfo } from './eventTypes';

export type RiskBand = 'low' | 'medium' | 'high';

/** Score bands: 0-35 low, 35-75 medium, above 75 high. */
export function riskBand(score: number): RiskBand {
  if (score > 75) return 'high';
  if (score >= 35) return 'medium';
  return 'low';
}

/** Scores arrive as 27.656250000000004; one decimal is all a person needs. */
export function formatScore(score: number): string {
  return String(Math.round(score * 10) / 10);
}

/** Every count shown anywhere (tree, badge, status bar, Overview, messages) is written one way: 33,766. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 event", "33,766 events". */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

const TYPE_WORDS_MAX = 120;

/** `SuspectedCredentialsTheft` -> `Suspected credentials theft`; unknown types are split on case changes. */
export function readableEventType(type: string): string {
  const known = eventTypeInfo(type);
  if (known) return known.name;
  // No type name is that long; splitting one with these patterns takes time quadratic in its length.
  if (type.length > TYPE_WORDS_MAX || !/^[A-Za-z0-9]+$/.test(type)) return type;
  const words = type
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ');
  return words.map((w, i) => (i > 0 && /^[A-Z][a-z]+$/.test(w) ? w.toLowerCase() : w)).join(' ');
}

const SHORT_TYPE_MAX = 24;

/** The type in a few words for a narrow tree row: the catalogue's short name, else the readable one cut. */
export function shortEventType(type: string): string {
  return eventTypeInfo(type)?.short ?? displayText(readableEventType(type), SHORT_TYPE_MAX);
}

/** `PSM_SSH_COMMAND` -> `PSM SSH command`. */
export function readableAuditType(type: string): string {
  if (!/^[A-Z0-9_]+$/.test(type)) return type;
  const acronyms = new Set(['PSM', 'SSH', 'RDP', 'SIEM', 'PTA', 'LDAP', 'AD', 'DC', 'IP', 'SQL', 'API']);
  return type
    .split('_')
    .filter(Boolean)
    .map((w, i) => (acronyms.has(w) ? w : i === 0 ? w[0] + w.slice(1).toLowerCase() : w.toLowerCase()))
    .join(' ');
}

const CLOSE_REASON_NAMES = new Map<string, string>([
  ['HANDLED', 'Handled'],
  ['NOTREAL', 'False positive'],
  ['OTHER', 'Other'],
]);

export function readableCloseReason(reason: string | undefined): string | undefined {
  if (!reason || reason.toUpperCase() === 'NONE') return undefined;
  return CLOSE_REASON_NAMES.get(reason.toUpperCase()) ?? displayText(reason, 60);
}

/** "just now", "5 min ago", "3 h ago", "12 d ago". */
export function formatAge(then: number, now: number): string {
  if (!then) return 'unknown time';
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 0) return 'in the future';
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

export interface TimeOptions {
  /** An IANA zone such as `Europe/Paris`; the machine's own zone when absent. */
  readonly timeZone?: string;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** `2026-11-21 14:03:22 UTC+1`: the wall-clock time in the zone, then the zone's offset at that instant. */
export function formatTime(ms: number | undefined, options?: TimeOptions): string {
  if (!ms) return 'unknown';
  const zone = options?.timeZone ?? '';
  let format = timeFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: options?.timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'shortOffset',
    });
    timeFormats.set(zone, format);
  }
  const part: Record<string, string> = {};
  for (const { type, value } of format.formatToParts(ms)) part[type] = value;
  const offset = part.timeZoneName.replace(/^GMT([+-]0)?/, 'UTC');
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second} ${offset}`;
}

// Controls (C0, C1), format characters (bidi marks, overrides and isolates, zero-width ones, the
// soft hyphen, interlinear annotations, tag characters), line and paragraph separators, and
// lone surrogates. Variation selectors stay: they only choose a glyph's look.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u2065\u{E0000}-\u{E007F}\ud800-\udfff]/gu;

/**
 * Vault strings in single-line places (tree labels, descriptions, notifications): control and
 * direction-changing characters are shown as visible code points so they can neither break the
 * layout nor disguise text, and very long values are cut, never inside a surrogate pair.
 */
export function displayText(value: string, maxLength = 160): string {
  const visible = value.replace(INVISIBLE, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
  if (visible.length <= maxLength) return visible;
  let cut = Math.max(0, maxLength - 1);
  if (cut > 0 && isHighSurrogate(visible.charCodeAt(cut - 1))) cut--;
  return `${visible.slice(0, cut)}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

// JSON.stringify already escapes C0 controls; these it leaves raw.
const INVISIBLE_IN_JSON = /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** Escapes direction-changing and invisible characters inside JSON text, so the raw view shows them instead of obeying them. */
export function revealInvisibleInJson(json: string): string {
  return json.replace(INVISIBLE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
