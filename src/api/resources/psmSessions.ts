import { PvwaError } from '../errors';
import { VaultCallName } from '../vaultCapabilities';
import { asList, asRecord, booleanField, numberField, textField } from './vaultJson';
import { PERMISSIONS, segment, vaultRequest, VaultCaller } from './vaultRequest';

/**
 * PSM sessions: live ones (`/API/LiveSessions`) and recordings of ended ones (`/API/Recordings`)
 * share their shape. Every string is attacker-influenced (user names, addresses, activities).
 */
export interface PsmSession {
  readonly sessionId?: string;
  readonly sessionGuid?: string;
  /** The vault user who opened it. */
  readonly user?: string;
  readonly accountUsername?: string;
  readonly accountAddress?: string;
  readonly accountPlatformId?: string;
  readonly fromIp?: string;
  readonly remoteMachine?: string;
  /** Epoch ms (the vault sends seconds). */
  readonly start?: number;
  readonly end?: number;
  /** Seconds. */
  readonly duration?: number;
  readonly protocol?: string;
  readonly client?: string;
  readonly connectionComponentId?: string;
  readonly safeName?: string;
  readonly isLive?: boolean;
  readonly riskScore?: number;
  readonly severity?: string;
  readonly canTerminate?: boolean;
  readonly canSuspend?: boolean;
  readonly canMonitor?: boolean;
}

export interface SessionActivity {
  readonly text?: string;
  readonly type?: string;
  readonly id?: string;
  /** Epoch ms, when the vault sent a time. */
  readonly time?: number;
}

/** Which session to act on: its SessionID, and its SessionGuid for the one retry on 404. */
export type SessionRef = Pick<PsmSession, 'sessionId' | 'sessionGuid'>;

export interface SessionQuery {
  search?: string;
  /** Epoch ms; sent as seconds. */
  fromTime?: number;
  toTime?: number;
  /** Default 100 a page. */
  pageSize?: number;
  /** Stop paging after this many, default 2,000. */
  maxSessions?: number;
}

export function readPsmSession(raw: unknown): PsmSession | undefined {
  const r = asRecord(raw);
  if (!r) return undefined;
  return {
    sessionId: textField(r.SessionID) ?? textField(r.SessionId),
    sessionGuid: textField(r.SessionGuid),
    user: textField(r.User),
    accountUsername: textField(r.AccountUsername),
    accountAddress: textField(r.AccountAddress),
    accountPlatformId: textField(r.AccountPlatformID),
    fromIp: textField(r.FromIP),
    remoteMachine: textField(r.RemoteMachine),
    start: secondsOrMs(r.Start),
    end: secondsOrMs(r.End),
    duration: numberField(r.Duration),
    protocol: textField(r.Protocol),
    client: textField(r.Client),
    connectionComponentId: textField(r.ConnectionComponentID),
    safeName: textField(r.SafeName),
    isLive: booleanField(r.IsLive),
    riskScore: numberField(r.RiskScore),
    severity: textField(r.Severity),
    canTerminate: booleanField(r.CanTerminate),
    canSuspend: booleanField(r.CanSuspend),
    canMonitor: booleanField(r.CanMonitor),
  };
}

export function readActivities(raw: unknown): SessionActivity[] {
  return asList(asRecord(raw)?.Activities).flatMap((item) => {
    const r = asRecord(item);
    if (!r) return [];
    return [{ text: textField(r.ActivityText), type: textField(r.ActivityType), id: textField(r.ActivityId), time: secondsOrMs(r.ActivityTime ?? r.Time) }];
  });
}

/** `GET /API/LiveSessions`, every page (Offset until Total). */
export function listLiveSessions(caller: VaultCaller, query: SessionQuery = {}): Promise<PsmSession[]> {
  return listAll(caller, 'listLiveSessions', '/API/LiveSessions', 'LiveSessions', query);
}

/** `GET /API/Recordings`, every page. */
export function listRecordings(caller: VaultCaller, query: SessionQuery = {}): Promise<PsmSession[]> {
  return listAll(caller, 'listRecordings', '/API/Recordings', 'Recordings', query);
}

export function getLiveSession(caller: VaultCaller, ref: SessionRef): Promise<PsmSession> {
  return withSessionId(ref, async (id) => {
    const session = readPsmSession(await vaultRequest(caller, 'getLiveSession', 'GET', `/API/LiveSessions/${segment(id)}`));
    if (!session) throw new PvwaError('invalidResponse', 'The vault answered the session request with something other than a session.');
    return session;
  });
}

export function liveSessionActivities(caller: VaultCaller, ref: SessionRef): Promise<SessionActivity[]> {
  return withSessionId(ref, async (id) => readActivities(await vaultRequest(caller, 'liveSessionActivities', 'GET', `/API/LiveSessions/${segment(id)}/activities`)));
}

export function recordingActivities(caller: VaultCaller, ref: SessionRef): Promise<SessionActivity[]> {
  return withSessionId(ref, async (id) => readActivities(await vaultRequest(caller, 'recordingActivities', 'GET', `/API/Recordings/${segment(id)}/activities`)));
}

export function terminateLiveSession(caller: VaultCaller, ref: SessionRef): Promise<void> {
  return sessionAction(caller, ref, 'terminateLiveSession', 'Terminate', PERMISSIONS.terminateSession);
}

export function suspendLiveSession(caller: VaultCaller, ref: SessionRef): Promise<void> {
  return sessionAction(caller, ref, 'suspendLiveSession', 'Suspend', PERMISSIONS.suspendSession);
}

export function resumeLiveSession(caller: VaultCaller, ref: SessionRef): Promise<void> {
  return sessionAction(caller, ref, 'resumeLiveSession', 'Resume', PERMISSIONS.suspendSession);
}

function sessionAction(caller: VaultCaller, ref: SessionRef, call: VaultCallName, verb: string, permission: string): Promise<void> {
  return withSessionId(ref, async (id) => {
    await vaultRequest(caller, call, 'POST', `/API/LiveSessions/${segment(id)}/${verb}/`, { permission });
  });
}

/**
 * Public sources disagree on which id the path takes: SessionID first; when the vault answers
 * 404, the SessionGuid once.
 */
async function withSessionId<T>(ref: SessionRef, send: (id: string) => Promise<T>): Promise<T> {
  const first = ref.sessionId ?? ref.sessionGuid;
  if (!first) throw new PvwaError('badRequest', 'The session has neither a SessionID nor a SessionGuid to address it by.');
  try {
    return await send(first);
  } catch (error) {
    const retry = ref.sessionGuid && ref.sessionGuid !== first;
    if (!retry || !(error instanceof PvwaError) || error.status !== 404) throw error;
    return send(ref.sessionGuid!);
  }
}

async function listAll(caller: VaultCaller, call: VaultCallName, path: string, key: string, query: SessionQuery): Promise<PsmSession[]> {
  const pageSize = query.pageSize ?? 100;
  const max = query.maxSessions ?? 2000;
  const sessions: PsmSession[] = [];
  for (let offset = 0; offset < max; ) {
    const params = new URLSearchParams();
    if (query.search) params.set('Search', query.search);
    if (query.fromTime !== undefined) params.set('FromTime', String(Math.floor(query.fromTime / 1000)));
    if (query.toTime !== undefined) params.set('ToTime', String(Math.floor(query.toTime / 1000)));
    params.set('Limit', String(pageSize));
    params.set('Offset', String(offset));
    const answer = asRecord(await vaultRequest(caller, call, 'GET', `${path}?${params}`));
    if (!answer) throw new PvwaError('invalidResponse', `The vault answered ${path} with something other than an object.`);
    const page = asList(answer[key]);
    for (const raw of page) {
      const session = readPsmSession(raw);
      if (session) sessions.push(session);
    }
    offset += page.length;
    const total = numberField(answer.Total);
    if (page.length === 0 || total === undefined || offset >= total) break;
  }
  return sessions.slice(0, max);
}

/** Session times are epoch seconds; a value that can only be milliseconds is taken as such. */
function secondsOrMs(value: unknown): number | undefined {
  const n = numberField(value);
  if (n === undefined || n <= 0) return undefined;
  return n < 1e11 ? n * 1000 : n;
}
