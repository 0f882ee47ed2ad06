import { eventNotFound, invalidParameters } from './cyberArkErrors';
import { RawEvent } from './data';
import { EventStore } from './eventStore';
import { isRecord, ParsedBody } from './requestBody';
import { jsonArrayResponse, jsonResponse, SimulatorResponse } from './responses';

/** How the server reads fromUpdateDate; 'auto' takes values below 10^11 as seconds and larger ones as milliseconds. */
export type TimestampUnit = 'auto' | 'seconds' | 'milliseconds';

export interface EventQuery {
  /** The query string; parameter names match without case, as ASP.NET binds them. */
  query: URLSearchParams;
  /** The 10.x header carrying the same filter as fromUpdateDate. */
  lastUpdatedEventDate: string | undefined;
  unit: TimestampUnit;
}

const AUTO_SECONDS_BELOW = 1e11;
const STATUSES = ['OPEN', 'CLOSED'];
const CLOSE_REASONS = ['HANDLED', 'NOTREAL', 'OTHER', 'NONE'];
const MAX_REASON_TEXT_LENGTH = 100;

export function listEvents(store: EventStore, request: EventQuery): SimulatorResponse {
  const filters: Array<(event: RawEvent) => boolean> = [];
  const dates: Array<[name: string, value: string | undefined]> = [
    ['fromUpdateDate', queryValue(request.query, 'fromUpdateDate')],
    ['lastUpdatedEventDate', request.lastUpdatedEventDate],
  ];
  for (const [name, value] of dates) {
    if (value === undefined || value === '') continue;
    if (!/^\d+$/.test(value)) return invalidParameters(`${name} must be a whole number (a time since 1970), got [${value}].`);
    const from = toEpochMs(Number(value), request.unit);
    // A record without an update time cannot be placed by the filter, so it is returned (as a vault with a half-written record does).
    filters.push((event) => typeof event.lastUpdateTime !== 'number' || event.lastUpdateTime >= from);
  }

  const status = queryValue(request.query, 'status');
  if (status !== undefined && status !== '') {
    const wanted = status.toUpperCase();
    if (!STATUSES.includes(wanted)) return invalidParameters(`status must be OPEN or CLOSED, got [${status}].`);
    filters.push((event) => String(event.mStatus).toUpperCase() === wanted);
  }

  const accountId = queryValue(request.query, 'accountID');
  if (accountId !== undefined && accountId !== '') {
    filters.push((event) => Array.isArray(event.audits) && event.audits.some((audit) => isRecord(audit) && audit.accountId === accountId));
  }

  return jsonArrayResponse(200, store.newestFirst().filter((event) => filters.every((matches) => matches(event))));
}

export function updateEvent(store: EventStore, id: string, body: ParsedBody, now: number): SimulatorResponse {
  const event = store.get(id);
  if (!event) return eventNotFound(id);
  if (body.kind !== 'json' || !isRecord(body.value)) return invalidParameters('the body must be a JSON object.');
  const change = readStatusChange(body.value);
  if (typeof change === 'string') return invalidParameters(change);

  const updated: RawEvent = { ...event, mStatus: change.mStatus, lastUpdateTime: now };
  if (change.mStatus === 'OPEN') {
    updated.closeReason = 'NONE';
  } else if (change.closeReason !== undefined) {
    updated.closeReason = change.closeReason;
  }
  if (change.reasonText !== undefined) updated.reasonText = change.reasonText;
  store.upsert(updated);
  return jsonResponse(200, updated);
}

interface StatusChange {
  mStatus: string;
  closeReason?: string;
  reasonText?: string;
}

/** The change the body asks for, or what is wrong with it. */
function readStatusChange(body: Record<string, unknown>): StatusChange | string {
  const { mStatus, closeReason, reasonText } = body;
  if (typeof mStatus !== 'string' || !STATUSES.includes(mStatus.toUpperCase())) {
    return `mStatus must be OPEN or CLOSED, got [${describe(mStatus)}].`;
  }
  const change: StatusChange = { mStatus: mStatus.toUpperCase() };
  if (closeReason !== undefined && closeReason !== null) {
    if (typeof closeReason !== 'string' || !CLOSE_REASONS.includes(closeReason.toUpperCase())) {
      return `closeReason must be one of ${CLOSE_REASONS.join(', ')}, got [${describe(closeReason)}].`;
    }
    change.closeReason = closeReason.toUpperCase();
  }
  if (reasonText !== undefined && reasonText !== null) {
    if (typeof reasonText !== 'string') return `reasonText must be a string, got [${describe(reasonText)}].`;
    // .NET counts UTF-16 code units, exactly as String.length does.
    if (reasonText.length > MAX_REASON_TEXT_LENGTH) {
      return `reasonText must be at most ${MAX_REASON_TEXT_LENGTH} characters, got ${reasonText.length}.`;
    }
    change.reasonText = reasonText;
  }
  return change;
}

function toEpochMs(value: number, unit: TimestampUnit): number {
  const seconds = unit === 'seconds' || (unit === 'auto' && value < AUTO_SECONDS_BELOW);
  return seconds ? value * 1000 : value;
}

function queryValue(query: URLSearchParams, name: string): string | undefined {
  const wanted = name.toLowerCase();
  let found: string | undefined;
  for (const [key, value] of query) {
    if (key.toLowerCase() === wanted) found = value;
  }
  return found;
}

function describe(value: unknown): string {
  return value === undefined ? 'missing' : String(JSON.stringify(value)).slice(0, 60);
}
