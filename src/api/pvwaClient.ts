import type { RequestInit, Response } from 'node-fetch';
import type { Agent } from 'http';
import { VaultAddress } from './baseUrl';
import { PvwaError, errorFromResponse, errorFromTransport, parseCyberArkError } from './errors';
import { JsonArrayError, JsonArrayReader } from './jsonArrayStream';

/**
 * The PVWA REST client (see PVWA-API.md). Stateless about sessions: every call that
 * needs one takes the token, so the auth layer alone decides when to sign in again.
 * node-fetch v2 (CommonJS) goes through Node's http/https, so VS Code's proxy support
 * and a custom CA agent apply, and tsc-compiled tests can load it.
 */
export type AuthMethod = 'CyberArk' | 'LDAP' | 'RADIUS';
export type EventStatus = 'OPEN' | 'CLOSED';
export type CloseReason = 'HANDLED' | 'NOTREAL' | 'OTHER' | 'NONE';

export type LogonResult =
  | { kind: 'token'; token: string }
  /** RADIUS challenge: show `message`, post the answer with `cookie`. */
  | { kind: 'challenge'; message: string; cookie: string };

export interface EventQuery {
  /** Already in the unit the vault reads (seconds or milliseconds). */
  fromUpdateDate?: number;
  status?: EventStatus;
  accountId?: string;
}

export interface EventUpdate {
  mStatus: EventStatus;
  closeReason?: CloseReason;
  reasonText?: string;
}

export interface RequestLog {
  info(message: string): void;
  warn(message: string): void;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface ClientOptions {
  address: VaultAddress;
  timeoutSeconds: number;
  agent?: Agent;
  /** Certificate checks were turned off on purpose; changes how a certificate failure is explained. */
  insecureRequested?: boolean;
  log?: RequestLog;
  fetch?: FetchLike;
  /** Refuse answers larger than this, so a runaway response cannot exhaust memory. */
  maxResponseBytes?: number;
  /** Waits before each retry of a GET; tests shorten it. */
  retryDelaysMs?: readonly number[];
}

interface RawResponse {
  status: number;
  body: string;
  setCookies: string[];
}

/** How far the events answer has been read. */
export interface EventsProgress {
  /** Events handed out so far. */
  readonly received: number;
  readonly bytes: number;
}

/** A 200 answer to the events request carries its totals once read as a list. */
interface EventsAnswer extends RawResponse {
  progress?: EventsProgress;
}

type AnswerReader<T> = (response: Response) => Promise<{ value: T; bytes: number }>;

const RADIUS_CHALLENGE_CODE = 'ITATS542I';
const RETRYABLE_STATUSES = new Set([502, 503, 504]);
/** The most the client accepts in one answer; saved answers opened from a file share it. */
export const DEFAULT_MAX_RESPONSE_BYTES = 512 * 1024 * 1024;
/** The events answer is handed on in batches of this many events, or what arrived in this long. */
const EVENT_BATCH_SIZE = 500;
const EVENT_BATCH_MS = 50;

/** node-fetch is required on the first request, not at start-up: the bundle keeps it in a file of its own (esbuild.js). */
const nodeFetch: FetchLike = (url, init) => (require('node-fetch') as typeof import('node-fetch')).default(url, init);

export class PvwaClient {
  private readonly fetch: FetchLike;
  private readonly retryDelaysMs: readonly number[];

  constructor(private readonly options: ClientOptions) {
    this.fetch = options.fetch ?? nodeFetch;
    this.retryDelaysMs = options.retryDelaysMs ?? [500, 1500];
  }

  get address(): VaultAddress {
    return this.options.address;
  }

  /** Posts the credentials, or a RADIUS answer when `cookie` carries the challenge's session. */
  async logon(method: AuthMethod, username: string, password: string, cookie?: string): Promise<LogonResult> {
    const body = cookie ? { username, password } : { username, password, concurrentSession: true };
    const response = await this.send('POST', `/API/auth/${method}/Logon`, { body, cookie });
    if (response.status === 200) {
      return { kind: 'token', token: parseToken(response.body, this.host) };
    }
    const cyberArk = parseCyberArkError(response.body);
    if (cyberArk?.code === RADIUS_CHALLENGE_CODE) {
      const cookies = [cookie, ...response.setCookies.map((c) => c.split(';')[0].trim())].filter(Boolean);
      return {
        kind: 'challenge',
        message: cyberArk.message ?? 'Enter your one-time code.',
        cookie: mergeCookies(cookies as string[]),
      };
    }
    const error = errorFromResponse(this.host, response.status, response.body);
    // A refused logon is a credentials problem whatever the status says.
    throw error.kind === 'sessionExpired' ? new PvwaError('auth', error.message, error.status, error.code) : error;
  }

  async logoff(token: string): Promise<void> {
    const response = await this.send('POST', '/API/Auth/Logoff', { token });
    if (response.status !== 200) {
      throw errorFromResponse(this.host, response.status, response.body);
    }
  }

  /** Closes the connections its agent keeps open; the client is not used again. */
  dispose(): void {
    this.options.agent?.destroy();
  }

  /** The raw events, newest first as the vault sends them. */
  async getEvents(token: string, query: EventQuery = {}): Promise<unknown[]> {
    const events: unknown[] = [];
    await this.streamEvents(token, query, (batch) => {
      for (const event of batch) events.push(event);
    });
    return events;
  }

  /**
   * getEvents read as the answer arrives: the events go to `onBatch` in order, every
   * EVENT_BATCH_SIZE events or EVENT_BATCH_MS, never held as one string. Resolves with the totals
   * once the list is complete; when it rejects, the batches already handed out are part of an
   * incomplete list. Retried like any GET only while no event has been handed out.
   */
  async streamEvents(token: string, query: EventQuery, onBatch: (events: unknown[], progress: EventsProgress) => void): Promise<EventsProgress> {
    const params = new URLSearchParams();
    if (query.fromUpdateDate !== undefined) params.set('fromUpdateDate', String(Math.floor(query.fromUpdateDate)));
    if (query.status) params.set('status', query.status);
    if (query.accountId) params.set('accountID', query.accountId);
    const search = params.toString();
    let handedOut = false;
    const handOut = (events: unknown[], progress: EventsProgress) => {
      handedOut = true;
      onBatch(events, progress);
    };
    const read: AnswerReader<EventsAnswer> = (response) => (response.status === 200 ? this.readEventList(response, handOut) : readWhole(response));
    const answer = await this.sendWithRetry('GET', `/API/pta/API/Events/${search ? `?${search}` : ''}`, { token }, read, () => !handedOut);
    if (answer.status !== 200) {
      throw errorFromResponse(this.host, answer.status, answer.body);
    }
    if (answer.progress) return answer.progress;
    // Not a list at all: read whole (within the size limit) to say what it was.
    this.parseJson(answer.body);
    throw notAList(this.host);
  }

  /**
   * Sends the change; answers the whole updated event as the vault returned it. Never retried.
   * When the request may have reached the vault but its answer was lost, throws an
   * OutcomeUnknownError: the event must be fetched again, not assumed unchanged.
   */
  async updateEvent(token: string, eventId: string, update: EventUpdate): Promise<unknown> {
    let response: RawResponse;
    try {
      response = await this.send('PATCH', `/API/pta/API/Events/${encodeURIComponent(eventId)}`, { token, body: update });
    } catch (error) {
      throw reachedTheVault(error) ? new OutcomeUnknownError(this.host, error as PvwaError) : error;
    }
    if (response.status !== 200) {
      throw errorFromResponse(this.host, response.status, response.body);
    }
    // A 200 whose body cannot be read still means the vault took the change in: its outcome is unknown, not a failure.
    let parsed: unknown;
    try {
      parsed = this.parseJson(response.body);
    } catch (error) {
      throw new OutcomeUnknownError(this.host, error as PvwaError);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new OutcomeUnknownError(this.host, new PvwaError('invalidResponse', `${this.host} accepted the change but did not answer with the updated event.`));
    }
    return parsed;
  }

  /**
   * Any other call of the contract (paths below the application path, e.g. `/API/Accounts/27_3`):
   * the answer's JSON, or undefined for an empty body. A GET is retried as the events list is;
   * anything else is sent once. A status other than 2xx throws the PvwaError with the vault's words.
   */
  async request(token: string, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> {
    const response = method === 'GET' ? await this.sendWithRetry(method, path, { token }) : await this.send(method, path, { token, body });
    if (response.status < 200 || response.status > 299) {
      throw errorFromResponse(this.host, response.status, response.body);
    }
    return response.body.trim() === '' ? undefined : this.parseJson(response.body);
  }

  private get host(): string {
    return this.options.address.hostname;
  }

  private parseJson(body: string): unknown {
    if (body.trim() === '') {
      throw new PvwaError('invalidResponse', `${this.host} answered with an empty body where JSON was expected.`);
    }
    try {
      return JSON.parse(body);
    } catch {
      const html = /^\s*</.test(body) ? ' (an HTML page)' : '';
      throw new PvwaError('invalidResponse', `${this.host} answered with incomplete or invalid JSON${html}. A proxy or load balancer may have cut or replaced the answer.`);
    }
  }

  /** `mayRetry`: asked after a failure, whether sending again is still safe. */
  private async sendWithRetry<T extends { status: number } = RawResponse>(
    method: string,
    path: string,
    init: { token?: string },
    read?: AnswerReader<T>,
    mayRetry: () => boolean = () => true,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < this.retryDelaysMs.length;
      try {
        const response = await this.send(method, path, init, read);
        if (!canRetry || !RETRYABLE_STATUSES.has(response.status)) return response;
      } catch (error) {
        if (!canRetry || !(error instanceof PvwaError) || error.kind !== 'network' || !mayRetry()) throw error;
      }
      this.options.log?.warn(`${method} ${this.options.address.appPath}${path.split('?')[0]}: retrying in ${this.retryDelaysMs[attempt]} ms`);
      await delay(this.retryDelaysMs[attempt]);
    }
  }

  /** Sends one request; `read` turns the answer into its result (the whole body as text unless told otherwise). */
  private async send<T = RawResponse>(method: string, path: string, init: { token?: string; body?: unknown; cookie?: string }, read?: AnswerReader<T>): Promise<T> {
    const { address, timeoutSeconds, agent, log } = this.options;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (init.token) headers.Authorization = init.token;
    if (init.cookie) headers.Cookie = init.cookie;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutSeconds * 1000);
    const started = Date.now();
    const logPath = address.appPath + path;
    try {
      const response = await this.fetch(address.appUrl + path, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        agent,
        redirect: 'manual',
        size: this.maxResponseBytes,
        // node-fetch v2 types predate the DOM AbortSignal; the runtime accepts it.
        signal: controller.signal as never,
      });
      const { value, bytes } = await (read ?? (readWhole as unknown as AnswerReader<T>))(response);
      log?.info(`${method} ${logPath} ${response.status} ${Date.now() - started} ms ${formatBytes(bytes)}`);
      return value;
    } catch (error) {
      const failure = error instanceof PvwaError
        ? error
        : (error as { type?: string }).type === 'max-size'
          ? new PvwaError('tooLarge', `${address.hostname} sent an answer larger than ${formatBytes(this.maxResponseBytes)}; it was refused to protect memory.`)
          : errorFromTransport(address.hostname, error, timeoutSeconds, this.options.insecureRequested);
      log?.warn(`${method} ${logPath} failed after ${Date.now() - started} ms: ${failure.message}`);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  private get maxResponseBytes(): number {
    return this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  /**
   * A 200 answer to the events request, read as it arrives. A body that does not start as a list
   * is kept whole (within the size limit) so the caller can say what it was.
   */
  private async readEventList(response: Response, onBatch: (events: unknown[], progress: EventsProgress) => void): Promise<{ value: EventsAnswer; bytes: number }> {
    const reader = new JsonArrayReader();
    const notList: Buffer[] = [];
    let listing = true;
    let bytes = 0;
    let received = 0;
    let batch: unknown[] = [];
    let batchStarted = Date.now();
    const handOut = () => {
      received += batch.length;
      const events = batch;
      batch = [];
      batchStarted = Date.now();
      onBatch(events, { received, bytes });
    };
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      // Leaving the loop (by any throw) destroys the body, which ends the download.
      if (bytes > this.maxResponseBytes) {
        throw Object.assign(new Error('The answer exceeds the size limit.'), { type: 'max-size' });
      }
      if (!listing) {
        notList.push(chunk);
        continue;
      }
      try {
        for (const event of reader.push(chunk)) batch.push(event);
      } catch (error) {
        if (reader.started || !(error instanceof JsonArrayError)) throw this.unreadable(error);
        listing = false;
        notList.push(chunk);
        continue;
      }
      if (batch.length >= EVENT_BATCH_SIZE || (batch.length > 0 && Date.now() - batchStarted >= EVENT_BATCH_MS)) handOut();
    }
    if (!listing || !reader.started) {
      return { value: { status: 200, body: Buffer.concat(notList).toString('utf8'), setCookies: [] }, bytes };
    }
    try {
      reader.end();
    } catch (error) {
      throw this.unreadable(error);
    }
    if (batch.length > 0) handOut();
    return { value: { status: 200, body: '', setCookies: [], progress: { received, bytes } }, bytes };
  }

  private unreadable(error: unknown): unknown {
    if (!(error instanceof JsonArrayError)) return error;
    return error.problem === 'notArray'
      ? notAList(this.host)
      : new PvwaError('invalidResponse', `${this.host} answered with incomplete or invalid JSON. A proxy or load balancer may have cut or replaced the answer.`);
  }
}

/**
 * A change that was sent but whose answer was lost (connection cut, no answer in time, answer
 * refused): the vault may or may not have applied it. Keeps the transport failure's kind, so
 * code that only knows PvwaError still reads it as a network failure or a time-out.
 */
export class OutcomeUnknownError extends PvwaError {
  readonly outcomeUnknown = true;

  constructor(host: string, readonly transportError: PvwaError) {
    super(transportError.kind, `The change was sent to ${host}, but ${LOST_ANSWER[transportError.kind] ?? 'its answer was lost'}, so whether it was applied is unknown. Refresh the event to see its state.`, transportError.status, transportError.code);
    this.name = 'OutcomeUnknownError';
  }
}

export function isOutcomeUnknown(error: unknown): error is OutcomeUnknownError {
  return error instanceof OutcomeUnknownError;
}

const LOST_ANSWER: Partial<Record<PvwaError['kind'], string>> = {
  network: 'the connection was cut before its answer arrived',
  timeout: 'no answer came in time',
  tooLarge: 'its answer was refused as too large',
  invalidResponse: 'its answer could not be read',
};

/** Failures that prove the request never got to the vault: no name, no route, no connection, no trusted TLS. */
const NEVER_CONNECTED = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH']);

function reachedTheVault(error: unknown): boolean {
  if (!(error instanceof PvwaError)) return false;
  if (error.kind === 'tls' || NEVER_CONNECTED.has(error.code ?? '')) return false;
  return error.kind === 'network' || error.kind === 'timeout' || error.kind === 'tooLarge';
}

function parseToken(body: string, host: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  // Versions before 10.x wrapped the token in an object.
  const token = typeof parsed === 'string' ? parsed : (parsed as { CyberArkLogonResult?: unknown } | undefined)?.CyberArkLogonResult;
  if (typeof token !== 'string' || token.trim() === '') {
    throw new PvwaError('invalidResponse', `${host} accepted the logon but sent no session token.`);
  }
  return token;
}

function mergeCookies(pairs: string[]): string {
  const byName = new Map<string, string>();
  for (const pair of pairs.flatMap((p) => p.split(';'))) {
    const trimmed = pair.trim();
    if (trimmed) byName.set(trimmed.split('=')[0], trimmed);
  }
  return [...byName.values()].join('; ');
}

async function readWhole(response: Response): Promise<{ value: RawResponse; bytes: number }> {
  // Read as bytes so the log line's size costs nothing on a many-megabyte answer.
  const bytes = await response.buffer();
  return { value: { status: response.status, body: bytes.toString('utf8'), setCookies: response.headers.raw()['set-cookie'] ?? [] }, bytes: bytes.length };
}

function notAList(host: string): PvwaError {
  return new PvwaError('invalidResponse', `${host} answered the events request with something other than a list of events.`);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
