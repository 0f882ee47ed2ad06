import { DEFAULT_MAX_RESPONSE_BYTES, formatBytes } from '../api/pvwaClient';
import { displayText } from '../model/format';

/**
 * Reads a saved document of PTA events in the shapes engineers actually have: the vault's list,
 * one event, a recorded API answer (`[{"status_code": 200, "json_body": [...]}]`), psPAS output
 * through ConvertTo-Json, or one event per line. Anything else is refused with a message that says
 * what was expected and what was found, and nothing is loaded.
 */
export type EventFileShape = 'list' | 'event' | 'recordedAnswer' | 'powerShellWrapped' | 'lines';

export interface ParsedEventFile {
  readonly shape: EventFileShape;
  /** Raw events as found; normalizeEvent decides which are usable. */
  readonly events: readonly Record<string, unknown>[];
}

export interface ParseOptions {
  /** Refuse documents larger than this many bytes; defaults to the vault client's limit. */
  readonly maxBytes?: number;
}

/** The document is not a set of PTA events; the message is for people, never a stack trace. */
export class FileFormatError extends Error {
  override readonly name = 'FileFormatError';
}

const EXPECTED = 'Expected PTA events (a list of events, one event, a recorded API answer, psPAS output or one event per line)';
/** A JSON object with an `id` and one of these is taken for an event. */
const EVENT_KEYS = ['type', 'mStatus', 'lastUpdateTime', 'createTime', 'score', 'audits'];
/** What PowerShell writes for an object or a list deeper than ConvertTo-Json's -Depth (2 by default). */
const POWERSHELL_TRUNCATED = /^(@\{|System\.Object\[\]$|System\.Collections\.)/;

export function parseEventFile(input: Uint8Array | string, options: ParseOptions = {}): ParsedEventFile {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > maxBytes) {
    throw new FileFormatError(`The document is ${formatBytes(size)}; documents over ${formatBytes(maxBytes)} are refused to protect memory.`);
  }
  const text = typeof input === 'string' ? input.replace(/^\ufeff/, '') : decode(input);
  if (text.trim() === '') throw new FileFormatError(`${EXPECTED}; found an empty document.`);

  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch (error) {
    return parseLines(text, error);
  }
  const parsed = classify(whole);
  refuseTruncatedPowerShell(parsed.events);
  return parsed;
}

/** UTF-8 with or without a BOM, and UTF-16 as Windows PowerShell 5 writes it (`>` and Out-File). */
function decode(bytes: Uint8Array): string {
  let encoding = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, start] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, start] = ['utf-16be', 2];
  else if (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0) encoding = 'utf-16le';
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(start));
  } catch {
    throw new FileFormatError(`${EXPECTED}; found bytes that are not UTF-8 or UTF-16 text.`);
  }
}

function classify(value: unknown): ParsedEventFile {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isRecordedAnswer)) return { shape: 'recordedAnswer', events: recordedEvents(value as Record<string, unknown>[]) };
    return { shape: 'list', events: eventList(value, (index) => `item ${index + 1}`) };
  }
  const record = asRecord(value);
  if (record && isRecordedAnswer(record)) return { shape: 'recordedAnswer', events: recordedEvents([record]) };
  if (record && isPowerShellArrayWrapper(record)) {
    return { shape: 'powerShellWrapped', events: eventList(record.value as unknown[], (index) => `item ${index + 1}`) };
  }
  if (record && looksLikeEvent(record)) return { shape: 'event', events: [record] };
  throw new FileFormatError(`${EXPECTED}; found ${describe(value)}.`);
}

/** NDJSON: every non-blank line one event. A document that fails as a whole and on its first line is not JSON at all. */
function parseLines(text: string, wholeError: unknown): ParsedEventFile {
  const events: Record<string, unknown>[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (events.length === 0) throw new FileFormatError(`${EXPECTED}; found text that is not JSON${errorPlace(text, wholeError)}.`);
      throw new FileFormatError(`${EXPECTED}; line ${index + 1} is not JSON.`);
    }
    const record = asRecord(value);
    if (!record || !looksLikeEvent(record)) {
      throw new FileFormatError(`${EXPECTED}; line ${index + 1} is not an event but ${describe(value)}.`);
    }
    events.push(record);
  }
  refuseTruncatedPowerShell(events);
  return { shape: 'lines', events };
}

function eventList(items: unknown[], name: (index: number) => string): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  let anEvent = false;
  for (let index = 0; index < items.length; index++) {
    const record = asRecord(items[index]);
    if (!record) throw new FileFormatError(`${EXPECTED}; found a list whose ${name(index)} is ${describe(items[index])}.`);
    anEvent ||= looksLikeEvent(record);
    events.push(record);
  }
  if (events.length > 0 && !anEvent) throw new FileFormatError(`${EXPECTED}; found a list whose items are not events (the first is ${describe(events[0])}).`);
  return events;
}

function isRecordedAnswer(value: unknown): boolean {
  const record = asRecord(value);
  return !!record && 'status_code' in record && 'json_body' in record;
}

function recordedEvents(answers: Record<string, unknown>[]): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  answers.forEach((answer, index) => {
    const status = answer.status_code;
    const which = answers.length > 1 ? `recorded answer ${index + 1}` : 'the recorded answer';
    if (typeof status !== 'number' || status < 200 || status > 299) {
      throw new FileFormatError(`${EXPECTED}; found ${which} with status ${displayText(String(status), 20)}, which holds no events.`);
    }
    const body = answer.json_body;
    if (Array.isArray(body)) events.push(...eventList(body, (i) => `${which}'s item ${i + 1}`));
    else if (asRecord(body) && looksLikeEvent(body as Record<string, unknown>)) events.push(body as Record<string, unknown>);
    else throw new FileFormatError(`${EXPECTED}; found ${which} whose json_body is ${describe(body)}.`);
  });
  return events;
}

/** Windows PowerShell 5.1 writes some arrays as `{"value": [...], "Count": n}` (an extended-type Count on System.Array). */
function isPowerShellArrayWrapper(record: Record<string, unknown>): boolean {
  const keys = Object.keys(record);
  return keys.length === 2 && Array.isArray(record.value) && typeof record.Count === 'number';
}

/**
 * ConvertTo-Json's default -Depth of 2 replaces deeper objects with their PowerShell text
 * (`@{id=…; type=…}`); such an export has lost the audits' details and cannot be read back.
 */
function refuseTruncatedPowerShell(events: readonly Record<string, unknown>[]): void {
  for (const event of events) {
    const cut = truncatedText(event.audits) ?? truncatedText(event.additionalData);
    if (cut !== undefined) {
      throw new FileFormatError(
        `This looks like psPAS output written by ConvertTo-Json at its default depth: parts of event ${displayText(String(event.id), 30)} ` +
          `were cut to text such as "${displayText(cut, 40)}". Export again with ConvertTo-Json -Depth 10.`,
      );
    }
  }
}

function truncatedText(value: unknown): string | undefined {
  if (typeof value === 'string') return POWERSHELL_TRUNCATED.test(value) ? value : undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'string' && POWERSHELL_TRUNCATED.test(item)) return item;
      const record = asRecord(item);
      if (!record) continue;
      for (const key of ['account', 'source', 'target']) {
        const inner = record[key];
        if (typeof inner === 'string' && POWERSHELL_TRUNCATED.test(inner)) return inner;
      }
    }
  }
  return undefined;
}

function looksLikeEvent(record: Record<string, unknown>): boolean {
  return 'id' in record && EVENT_KEYS.some((key) => key in record);
}

/** "a JSON object with keys name, version", "a JSON string", "an empty JSON object". */
function describe(value: unknown): string {
  if (value === null) return 'JSON null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  const record = asRecord(value);
  if (record) {
    const keys = Object.keys(record);
    if (keys.length === 0) return 'an empty JSON object';
    const shown = keys.slice(0, 6).map((key) => displayText(key, 30)).join(', ');
    return `a JSON object with keys ${shown}${keys.length > 6 ? ', …' : ''}`;
  }
  return `a JSON ${typeof value === 'boolean' ? 'true/false value' : typeof value}`;
}

/** " (line 3, column 7)" from JSON.parse's "at position 41", when the engine says where. */
function errorPlace(text: string, error: unknown): string {
  const match = error instanceof Error ? /position (\d+)/.exec(error.message) : null;
  if (!match) return '';
  const before = text.slice(0, Number(match[1])).split('\n');
  return ` (line ${before.length}, column ${before[before.length - 1].length + 1})`;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
