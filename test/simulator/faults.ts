import { ServerResponse } from 'node:http';
import { cyberArkError } from './cyberArkErrors';
import { generateEvents, RawEvent } from './data';
import { iisErrorPage } from './iisPages';
import { drained, emptyResponse, IIS_HEADERS, JSON_CONTENT_TYPE, SimulatorResponse, writeResponse } from './responses';

/** Ways the vault, IIS or the network in between misbehave. */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'reset' }
  | { kind: 'html'; status: 200 | 403 | 404 | 500 | 502 | 503 }
  | { kind: 'invalidJson' }
  | { kind: 'truncatedJson' }
  | { kind: 'emptyBody'; status?: number }
  | { kind: 'error'; status: number; code: string; message: string }
  | { kind: 'huge'; bytes: number };

/**
 * The vault refusing load: `status` (429 unless told otherwise) for a request that arrives while
 * more than `maxInFlight` are being answered, and/or for every `everyNth` matching request.
 */
export interface ThrottleRule {
  status?: 429 | 503;
  maxInFlight?: number;
  everyNth?: number;
  /** Only requests with this HTTP method (any case). */
  method?: string;
}

export interface FaultOptions {
  /** Only requests with this HTTP method (any case). */
  method?: string;
  /** Only requests whose path and query contain this text (any case). */
  pathIncludes?: string;
  /** How many matching requests get the fault; default 1, Infinity allowed. */
  times?: number;
  /** The vault carries the request out first, then the fault replaces its answer: a change applied whose answer is lost or garbled. */
  afterApplying?: boolean;
}

/** A fault due on one request, and whether the vault acts on the request before it. */
export interface DueFault {
  readonly fault: Fault;
  readonly afterApplying: boolean;
}

interface QueuedFault {
  fault: Fault;
  method?: string;
  pathIncludes?: string;
  remaining: number;
  afterApplying: boolean;
}

export class FaultQueue {
  private queue: QueuedFault[] = [];

  add(fault: Fault, options: FaultOptions = {}): void {
    const times = options.times ?? 1;
    if (!(times >= 1)) throw new RangeError(`times must be at least 1, got ${times}`);
    this.queue.push({ fault, method: options.method?.toUpperCase(), pathIncludes: options.pathIncludes?.toLowerCase(), remaining: times, afterApplying: options.afterApplying === true });
  }

  clear(): void {
    this.queue = [];
  }

  /** Consumes one use of the first queued fault that matches the request. */
  take(method: string, url: string): DueFault | undefined {
    const lowerUrl = url.toLowerCase();
    const index = this.queue.findIndex(
      (entry) => (!entry.method || entry.method === method.toUpperCase()) && (!entry.pathIncludes || lowerUrl.includes(entry.pathIncludes)),
    );
    if (index < 0) return undefined;
    const entry = this.queue[index];
    entry.remaining--;
    if (entry.remaining <= 0) this.queue.splice(index, 1);
    return { fault: entry.fault, afterApplying: entry.afterApplying };
  }
}

/** Decides, request by request, which ones a ThrottleRule refuses. */
export class Throttle {
  private matched = 0;
  private readonly method: string | undefined;

  constructor(private readonly rule: ThrottleRule) {
    for (const [name, value] of [['maxInFlight', rule.maxInFlight], ['everyNth', rule.everyNth]] as const) {
      if (value !== undefined && !(Number.isInteger(value) && value >= 1)) throw new RangeError(`${name} must be a whole number of at least 1, got ${value}`);
    }
    if (rule.maxInFlight === undefined && rule.everyNth === undefined) throw new RangeError('a throttle needs maxInFlight or everyNth');
    this.method = rule.method?.toUpperCase();
  }

  /** The status to refuse this request with, or undefined to answer it; `inFlight` counts this request. */
  refusal(method: string, inFlight: number): number | undefined {
    if (this.method && this.method !== method.toUpperCase()) return undefined;
    this.matched++;
    const crowded = this.rule.maxInFlight !== undefined && inFlight > this.rule.maxInFlight;
    const nth = this.rule.everyNth !== undefined && this.matched % this.rule.everyNth === 0;
    return crowded || nth ? (this.rule.status ?? 429) : undefined;
  }
}

/** A rate limit in front of the PVWA (429, terse, with Retry-After), or HTTP.sys with the application pool overloaded (503). */
export function throttledResponse(status: number): SimulatorResponse {
  if (status === 503) return iisErrorPage(503);
  return { status, headers: { 'Content-Type': 'text/plain', 'Retry-After': '1' }, body: 'Too Many Requests' };
}

/** JSON that no parser accepts, although it looks plausible. */
const INVALID_JSON = '[{"id": "5f1c0ffee0000000000000aa", "score": NaN, "type": undefined,}]';

/**
 * Answers with the fault instead of the vault; returns the status sent. `events` is the
 * vault's current data, which the partial and truncated answers are cut from.
 */
export function writeFault(res: ServerResponse, fault: Exclude<Fault, { kind: 'latency' }>, events: readonly RawEvent[]): number {
  switch (fault.kind) {
    case 'reset':
      return writeThenReset(res, events);
    case 'html':
      return send(res, iisErrorPage(fault.status));
    case 'invalidJson':
      return send(res, { status: 200, headers: { 'Content-Type': JSON_CONTENT_TYPE }, body: INVALID_JSON });
    case 'truncatedJson':
      return send(res, { status: 200, headers: { 'Content-Type': JSON_CONTENT_TYPE }, body: firstHalf(JSON.stringify(events.slice(0, 20))) });
    case 'emptyBody':
      return send(res, { ...emptyResponse(fault.status ?? 200), headers: { 'Content-Type': JSON_CONTENT_TYPE } });
    case 'error':
      return send(res, cyberArkError(fault.status, fault.code, fault.message));
    case 'huge':
      void writeHugeArray(res, fault.bytes);
      return 200;
  }
}

function send(res: ServerResponse, response: SimulatorResponse): number {
  writeResponse(res, response);
  return response.status;
}

/**
 * Headers and part of a chunked body, then the socket goes away: without the final chunk
 * a client sees a premature close, as when a load balancer cuts the connection.
 */
function writeThenReset(res: ServerResponse, events: readonly RawEvent[]): number {
  const socket = res.socket;
  res.writeHead(200, { ...IIS_HEADERS, 'Content-Type': JSON_CONTENT_TYPE });
  res.write(firstHalf(JSON.stringify(events.slice(0, 20))), () => socket?.destroy());
  return 200;
}

/** A valid JSON array of generated events, streamed until it reaches about `bytes`. */
async function writeHugeArray(res: ServerResponse, bytes: number): Promise<void> {
  res.writeHead(200, { ...IIS_HEADERS, 'Content-Type': JSON_CONTENT_TYPE });
  let written = 1;
  res.write('[');
  for (let seed = 1; written + 1 < bytes; seed++) {
    const parts: string[] = [];
    for (const event of generateEvents({ count: 200, seed, hostileShare: 0 })) {
      if (written + 1 >= bytes) break;
      const part = (written > 1 ? ',' : '') + JSON.stringify(event);
      parts.push(part);
      written += Buffer.byteLength(part);
    }
    if (!res.write(parts.join('')) && !(await drained(res))) return;
  }
  res.end(']');
}

function firstHalf(json: string): string {
  return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
}
