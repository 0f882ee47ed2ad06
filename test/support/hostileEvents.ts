import { generateEvents, HOSTILE_STRINGS, RawEvent } from '../simulator/data';

/** Keys whose values must stay well-formed for the event to be an event at all. */
const STRUCTURAL_KEYS = new Set(['id', 'mStatus']);

/**
 * One event per hostile payload: the payload is the event's type, and every other string in
 * the event (audits, accounts, addresses, commands, close reason and text, additional data,
 * keys included) takes the next payloads in turn, so across the set each payload lands in
 * every string field.
 */
export function hostileEvents(now: number, payloads: readonly string[] = HOSTILE_STRINGS): RawEvent[] {
  const templates = generateEvents({ count: payloads.length, seed: 66, now, averageAudits: 4, windowDays: 2, hostileShare: 0 });
  return payloads.map((payload, index) => {
    let next = index;
    const take = () => payloads[next++ % payloads.length];
    const event = fillStrings(templates[index], take, true) as RawEvent;
    event.type = payload;
    event.additionalData = Object.fromEntries(payloads.map((_, i) => [`${take()}#${i}`, take()]));
    event.id = `${(0xbad0000 + index).toString(16)}${'0'.repeat(17)}`.slice(0, 24);
    event.lastUpdateTime = now - index * 1000;
    return event;
  });
}

function fillStrings(value: unknown, take: () => string, topLevel = false): unknown {
  if (typeof value === 'string') return take();
  if (Array.isArray(value)) return value.map((item) => fillStrings(item, take));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, topLevel && STRUCTURAL_KEYS.has(key) ? item : fillStrings(item, take)]),
    );
  }
  return value;
}
