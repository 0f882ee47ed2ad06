import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { generateEvents, RawEvent } from './data';
import { DEMO_PASSWORD, DEMO_USERNAME } from './demoCredentials';
import { EventStore } from './eventStore';
import { TimestampUnit } from './eventRoutes';
import { Fault, FaultOptions, FaultQueue, Throttle, throttledResponse, ThrottleRule, writeFault } from './faults';
import { iisErrorPage } from './iisPages';
import { Credentials, LogonService } from './logon';
import { parseBody, readBody } from './requestBody';
import { writeResponse } from './responses';
import { RespondVault, SessionPathId } from './respondVault';
import { route, VaultProfile, VaultState } from './routes';
import { SessionStore } from './sessions';

export { DEMO_PASSWORD, DEMO_RADIUS_ANSWER, DEMO_USERNAME } from './demoCredentials';
export type { TimestampUnit } from './eventRoutes';
export type { Fault, FaultOptions, ThrottleRule } from './faults';
export type { SessionPathId } from './respondVault';

export interface SimulatorOptions {
  /** 0 (default) picks a free port; the server always binds 127.0.0.1. */
  port?: number;
  /** Default '/PasswordVault'. */
  appPath?: string;
  /** Default generateEvents({ count: 200 }). */
  events?: RawEvent[];
  /** How fromUpdateDate is read, default 'auto'. */
  timestampUnit?: TimestampUnit;
  /** Default 1200; a token unused that long answers 401 PASWS006E. */
  tokenIdleSeconds?: number;
  /** How many one-time codes a RADIUS logon asks for, default 1. */
  radiusChallengeRounds?: number;
  /** The first RADIUS challenge's text (the RADIUS server's words: untrusted). */
  radiusChallengeMessage?: string;
  /** Default: the demo user. */
  users?: Credentials[];
  /** Every request waits this long before it is answered, default 0: a distant vault. */
  latencyMs?: number;
  /**
   * The ExternalVersion the vault reports, default '14.2.0'. An older one (e.g. '10.4') answers
   * IIS's 404 to every respond call newer than it, as an old PVWA has no such route.
   */
  version?: string;
  /** The caller is a read-only auditor: 403 on the lists an auditor may not see and on every action. */
  auditor?: boolean;
  /** How long a queued change, verify or reconcile takes to be done (the account's times move), default 1500 ms. */
  cpmDelayMs?: number;
  /** Which id the live-session paths take, default SessionID; SessionGuid makes a SessionID answer 404. */
  sessionPathId?: SessionPathId;
  /** How many of the newest open PSM events have a live session, default 3; the other PSM events have recordings. */
  liveEvents?: number;
}

/** How the simulator was loaded since it started or since resetLoadStats(). */
export interface LoadStats {
  /** The most requests being answered at one moment. */
  maxInFlight: number;
  /** The most event changes (PATCH) being answered at one moment. */
  maxChangesInFlight: number;
  /** Successful logons (session tokens issued). */
  logons: number;
}

export interface RecordedRequest {
  method: string;
  /** The path as sent, without the query. */
  path: string;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string | string[] | undefined>;
  /** Parsed when it is JSON, the raw text when it is not, undefined when empty. */
  body: unknown;
  status: number;
  /** Epoch ms when the request arrived. */
  at: number;
}

/**
 * A PVWA on loopback that speaks the REST contract in PVWA-API.md, with faults on demand.
 * Recorded requests keep bodies verbatim (passwords included) for tests to inspect;
 * nothing is ever printed.
 */
export class PvwaSimulator {
  readonly requests: RecordedRequest[] = [];
  private readonly port: number;
  private readonly appPath: string;
  private readonly tokenIdleMs: number;
  private readonly radiusRounds: number;
  private readonly radiusChallengeMessage: string | undefined;
  private readonly users: Credentials[];
  private readonly store: EventStore;
  private readonly faults = new FaultQueue();
  private readonly sockets = new Set<Socket>();
  private readonly pendingDelays = new Set<() => void>();
  private latencyMs: number;
  private throttle: Throttle | undefined;
  private requestsSeen = 0;
  private expireAtRequest: number | undefined;
  private clockAheadMs = 0;
  private inFlight = 0;
  private maxInFlight = 0;
  private changesInFlight = 0;
  private maxChangesInFlight = 0;
  private logonsBefore = 0;
  private timestampUnit: TimestampUnit;
  private sessions: SessionStore;
  private logon: LogonService;
  private server: Server | undefined;
  private address: string | undefined;
  /** PSM sessions, accounts, vault users and PTA settings behind the starting events; tests may change them. */
  readonly respond: RespondVault;
  readonly profile: VaultProfile;

  constructor(options: SimulatorOptions = {}) {
    this.port = options.port ?? 0;
    this.appPath = normalizeAppPath(options.appPath ?? '/PasswordVault');
    this.tokenIdleMs = (options.tokenIdleSeconds ?? 1200) * 1000;
    this.radiusRounds = options.radiusChallengeRounds ?? 1;
    this.radiusChallengeMessage = options.radiusChallengeMessage;
    if (!Number.isInteger(this.radiusRounds) || this.radiusRounds < 1) {
      throw new RangeError(`radiusChallengeRounds must be a whole number of at least 1, got ${this.radiusRounds}`);
    }
    this.users = options.users ?? [{ username: DEMO_USERNAME, password: DEMO_PASSWORD }];
    this.store = new EventStore(options.events ?? generateEvents({ count: 200 }));
    this.timestampUnit = options.timestampUnit ?? 'auto';
    this.latencyMs = checkedLatency(options.latencyMs ?? 0);
    this.sessions = new SessionStore(this.tokenIdleMs);
    this.logon = new LogonService(this.sessions, this.users, this.radiusRounds, this.radiusChallengeMessage);
    this.respond = new RespondVault(this.store.newestFirst(), this.users.map((u) => u.username), {
      cpmDelayMs: options.cpmDelayMs,
      sessionPathId: options.sessionPathId,
      liveEvents: options.liveEvents,
    });
    this.profile = { version: options.version ?? '14.2.0', auditor: options.auditor ?? false };
  }

  /** The address without the application path, e.g. http://127.0.0.1:40123. */
  get baseUrl(): string {
    if (this.address === undefined) throw new Error('The simulator has not been started.');
    return this.address;
  }

  /** The base address with the application path, e.g. http://127.0.0.1:40123/PasswordVault. */
  get appUrl(): string {
    return this.baseUrl + this.appPath;
  }

  /** Starts listening; tokens, failed-logon counts and pending RADIUS challenges start afresh. */
  async start(): Promise<string> {
    if (this.server) throw new Error('The simulator is already running.');
    this.sessions = new SessionStore(this.tokenIdleMs);
    this.logon = new LogonService(this.sessions, this.users, this.radiusRounds, this.radiusChallengeMessage);
    this.logonsBefore = 0;
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => res.destroy());
    });
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.address;
  }

  /** Closes the server and every open socket, keep-alive ones included. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const finishDelay of this.pendingDelays) finishDelay();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  /** Current data, newest lastUpdateTime first. */
  events(): RawEvent[] {
    return [...this.store.newestFirst()];
  }

  getEvent(id: string): RawEvent | undefined {
    return this.store.get(id);
  }

  upsertEvent(event: RawEvent): void {
    this.store.upsert(event);
  }

  setEvents(events: RawEvent[]): void {
    this.store.replaceAll(events);
  }

  /** The vault's clock runs `ms` ahead from now on: the update times it gives changes, as if that much time had passed. */
  advanceClock(ms: number): void {
    this.clockAheadMs += ms;
  }

  expireTokens(): void {
    this.sessions.revokeAll();
  }

  /** Every later request waits `ms` before it is answered. */
  setLatency(ms: number): void {
    this.latencyMs = checkedLatency(ms);
  }

  /** Refuses load from now on as the rule says, until clearThrottle(); replaces any earlier rule. */
  setThrottle(rule: ThrottleRule): void {
    this.throttle = new Throttle(rule);
  }

  clearThrottle(): void {
    this.throttle = undefined;
  }

  /** Every token stops working when the `n`th request from now arrives (1: the next one), as when a session times out mid-batch. */
  expireTokensAtRequest(n: number): void {
    if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`n must be a whole number of at least 1, got ${n}`);
    this.expireAtRequest = this.requestsSeen + n;
  }

  get loadStats(): LoadStats {
    return { maxInFlight: this.maxInFlight, maxChangesInFlight: this.maxChangesInFlight, logons: this.sessions.issuedCount - this.logonsBefore };
  }

  /** Counts afresh from now: in-flight requests still being answered set the new starting maximum. */
  resetLoadStats(): void {
    this.maxInFlight = this.inFlight;
    this.maxChangesInFlight = this.changesInFlight;
    this.logonsBefore = this.sessions.issuedCount;
  }

  /** Queues a fault for the next matching requests; queued faults are matched in order. */
  inject(fault: Fault, options?: FaultOptions): void {
    this.faults.add(fault, options);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  setTimestampUnit(unit: TimestampUnit): void {
    this.timestampUnit = unit;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart < 0 ? url : url.slice(0, queryStart);
    const query = new URLSearchParams(queryStart < 0 ? '' : url.slice(queryStart + 1));
    const method = req.method ?? 'GET';
    const recorded: RecordedRequest = { method, path, query: Object.fromEntries(query), headers: { ...req.headers }, body: undefined, status: 0, at: Date.now() };
    this.requests.push(recorded);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.once('close', () => this.inFlight--);
    if (method.toUpperCase() === 'PATCH') {
      this.maxChangesInFlight = Math.max(this.maxChangesInFlight, ++this.changesInFlight);
      res.once('close', () => this.changesInFlight--);
    }
    if (++this.requestsSeen === this.expireAtRequest) {
      this.expireAtRequest = undefined;
      this.sessions.revokeAll();
    }
    const refusal = this.throttle?.refusal(method, this.inFlight);

    const body = parseBody(await readBody(req));
    recorded.body = body.kind === 'json' ? body.value : body.kind === 'invalid' ? body.text : undefined;
    if (this.latencyMs > 0) await this.delay(this.latencyMs);
    if (res.destroyed) return;
    if (refusal !== undefined) {
      const response = throttledResponse(refusal);
      recorded.status = response.status;
      writeResponse(res, response);
      return;
    }

    const due = this.faults.take(method, url);
    const fault = due?.fault;
    if (fault && fault.kind !== 'latency' && !due.afterApplying) {
      recorded.status = writeFault(res, fault, this.store.newestFirst());
      return;
    }
    if (fault?.kind === 'latency' && !due?.afterApplying) await this.delay(fault.ms);
    if (res.destroyed) return;

    let response;
    try {
      response = route({ method, path, query, headers: req.headers, body }, this.vaultState());
    } catch {
      response = iisErrorPage(500);
    }
    // A slow answer to a change already made: the vault applied it, the answer takes its time.
    if (fault?.kind === 'latency' && due?.afterApplying) await this.delay(fault.ms);
    if (res.destroyed) return;
    if (fault && fault.kind !== 'latency') {
      recorded.status = writeFault(res, fault, this.store.newestFirst());
      return;
    }
    recorded.status = response.status;
    writeResponse(res, response);
  }

  private vaultState(): VaultState {
    return {
      appPath: this.appPath,
      events: this.store,
      sessions: this.sessions,
      logon: this.logon,
      timestampUnit: this.timestampUnit,
      now: () => Date.now() + this.clockAheadMs,
      respond: this.respond,
      profile: this.profile,
    };
  }

  /** A timer that stop() ends early, so a delayed answer never holds the process open. */
  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.pendingDelays.delete(finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.pendingDelays.add(finish);
    });
  }
}

function checkedLatency(ms: number): number {
  if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError(`latency must be a number of milliseconds of at least 0, got ${ms}`);
  return ms;
}

/** '/PasswordVault', 'PasswordVault/' and the like become '/PasswordVault'; '/' and '' mean the site root. */
function normalizeAppPath(appPath: string): string {
  const trimmed = appPath.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `/${trimmed}`;
}
