import { eventTypeInfo } from '../model/eventTypes';
import { formatAge, formatScore, formatTime, readableCloseReason, readableEventType, riskBand, TimeOptions } from '../model/format';
import { markdownText } from '../util/markdownText';

/** A position in a JSON document: property names and list indices from the root. */
export type JsonPath = readonly (string | number)[];

const EVENT_TIMES = new Map([
  ['createTime', 'Created'],
  ['lastUpdateTime', 'Last updated'],
]);
const STATUS_WORDS = new Map([
  ['OPEN', 'Open: still to be handled'],
  ['CLOSED', 'Closed'],
]);

/**
 * Markdown explaining one value of a PTA events document (an event, a list of them, or a recorded
 * API answer): times as dates in a zone with their age, the type in words, the score's risk band,
 * status and close reason in words. Every piece of document text is escaped. Undefined when there
 * is nothing to add.
 */
export function eventHoverMarkdown(path: JsonPath, value: unknown, now: number, options?: TimeOptions): string | undefined {
  const inEvent = eventRelativePath(path);
  if (!inEvent) return undefined;
  const key = inEvent[inEvent.length - 1];
  if (inEvent.length === 3 && inEvent[0] === 'audits' && key === 'createTime') return timeMarkdown('Audit time', value, now, options);
  if (inEvent.length !== 1) return undefined;
  switch (key) {
    case 'createTime':
    case 'lastUpdateTime':
      return timeMarkdown(EVENT_TIMES.get(key)!, value, now, options);
    case 'type':
      return typeof value === 'string' ? typeMarkdown(value) : undefined;
    case 'score':
      return typeof value === 'number' && Number.isFinite(value) ? `Score ${formatScore(value)}: **${riskBand(value)} risk** (low below 35, medium 35 to 75, high above 75)` : undefined;
    case 'mStatus': {
      const words = typeof value === 'string' ? STATUS_WORDS.get(value.toUpperCase()) : undefined;
      return words && `Status: **${words}**`;
    }
    case 'closeReason': {
      if (typeof value !== 'string') return undefined;
      const words = readableCloseReason(value);
      return words ? `Close reason: **${markdownText(words)}**` : 'Close reason: **none** (open, or reopened)';
    }
    default:
      return undefined;
  }
}

/** The path inside one event, past a list index, a recorded answer's json_body or PowerShell's value wrapper. */
function eventRelativePath(path: JsonPath): JsonPath | undefined {
  let start = 0;
  while (start < path.length && (typeof path[start] === 'number' || path[start] === 'json_body' || path[start] === 'value')) start++;
  const rest = path.slice(start);
  if (rest.length === 0 || typeof rest[0] !== 'string') return undefined;
  return rest;
}

function timeMarkdown(label: string, value: unknown, now: number, options: TimeOptions | undefined): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  const shown = formatTime(value, options);
  const utc = formatTime(value, { timeZone: 'UTC' });
  const lines = [`${label}: **${shown}**, ${formatAge(value, now)}`];
  if (utc !== shown) lines.push(`${utc}`);
  if (value < 1e11) lines.push('This number is small for milliseconds since 1970: it may be seconds.');
  return lines.join('\n\n');
}

function typeMarkdown(type: string): string {
  const info = eventTypeInfo(type);
  const lines = [`**${markdownText(readableEventType(type))}**`];
  if (info?.description) lines.push(markdownText(info.description));
  if (info?.sensor) lines.push(`Sensor: ${markdownText(info.sensor)}`);
  if (!info) lines.push('A type this extension does not know yet.');
  return lines.join('\n\n');
}
