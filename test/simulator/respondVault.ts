import { cyberArkError, invalidParameters } from './cyberArkErrors';
import type { RawEvent } from './data';
import { isRecord, ParsedBody } from './requestBody';
import { buildRespondData, Json, RespondData, SimSession } from './respondData';
import { emptyResponse, jsonResponse, SimulatorResponse } from './responses';

export type SessionPathId = 'SessionID' | 'SessionGuid';

export interface RespondOptions {
  /** How long a queued CPM operation (change, verify, reconcile) takes to be done, default 1500 ms. */
  cpmDelayMs?: number;
  /** Which session id the vault's paths take, default SessionID; SessionGuid makes a SessionID answer 404. */
  sessionPathId?: SessionPathId;
  liveEvents?: number;
}

type CpmOperation = 'Change' | 'Verify' | 'Reconcile';

interface PendingOperation {
  accountId: string;
  operation: CpmOperation;
  dueAt: number;
}

const DEFAULT_PAGE = 25;

/**
 * The respond side of the simulated vault: PSM sessions, accounts with their CPM queue, vault
 * users, PTA settings. Built from the events it starts with; tests may reach into `data`.
 */
export class RespondVault {
  readonly data: RespondData;
  private readonly pending: PendingOperation[] = [];
  private readonly cpmDelayMs: number;
  private readonly sessionPathId: SessionPathId;

  constructor(events: readonly RawEvent[], signInUsers: string[], options: RespondOptions = {}) {
    this.data = buildRespondData(events, { signInUsers, now: Date.now(), liveEvents: options.liveEvents });
    this.cpmDelayMs = options.cpmDelayMs ?? 1500;
    this.sessionPathId = options.sessionPathId ?? 'SessionID';
  }

  /** The live session standing behind an event, if the event has one. */
  liveSessionOf(eventId: string): SimSession | undefined {
    return this.data.liveSessions.find((s) => s.eventId === eventId);
  }

  listSessions(kind: 'LiveSessions' | 'Recordings', query: URLSearchParams): SimulatorResponse {
    const all = kind === 'LiveSessions' ? this.data.liveSessions : this.data.recordings;
    const words = (query.get('Search') ?? query.get('search') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const from = Number(query.get('FromTime') ?? NaN);
    const to = Number(query.get('ToTime') ?? NaN);
    const matching = all.filter(({ record }) => {
      const haystack = ['User', 'AccountUsername', 'AccountAddress', 'FromIP', 'RemoteMachine'].map((k) => String(record[k] ?? '').toLowerCase()).join(' ');
      const start = Number(record.Start);
      return words.every((w) => haystack.includes(w)) && !(start < from) && !(start > to);
    });
    const limit = wholeOr(query.get('Limit'), DEFAULT_PAGE);
    const offset = wholeOr(query.get('Offset'), 0);
    return jsonResponse(200, { [kind]: matching.slice(offset, offset + limit).map((s) => s.record), Total: matching.length });
  }

  getLiveSession(id: string): SimulatorResponse {
    const session = this.findSession(this.data.liveSessions, id);
    return session ? jsonResponse(200, session.record) : sessionNotFound(id);
  }

  sessionActivities(kind: 'LiveSessions' | 'Recordings', id: string): SimulatorResponse {
    const session = this.findSession(kind === 'LiveSessions' ? this.data.liveSessions : this.data.recordings, id);
    return session ? jsonResponse(200, { Activities: session.activities }) : sessionNotFound(id, kind === 'Recordings' ? 'Recording' : 'Live session');
  }

  /** Terminate moves the session to the recordings; suspend and resume flip its `suspended` flag. */
  actOnSession(id: string, action: 'terminate' | 'suspend' | 'resume'): SimulatorResponse {
    const session = this.findSession(this.data.liveSessions, id);
    if (!session) return sessionNotFound(id);
    if (action === 'terminate') {
      this.data.liveSessions.splice(this.data.liveSessions.indexOf(session), 1);
      const now = Math.floor(Date.now() / 1000);
      Object.assign(session.record, { IsLive: false, End: now, Duration: now - Number(session.record.Start), CanTerminate: false, CanSuspend: false, CanMonitor: false });
      this.data.recordings.unshift(session);
    } else {
      session.suspended = action === 'suspend';
    }
    return emptyResponse(200);
  }

  getAccount(id: string): SimulatorResponse {
    const account = this.account(id);
    return account ? jsonResponse(200, account) : cyberArkError(404, 'PASWS165E', `Account [${id}] was not found.`);
  }

  searchAccounts(query: URLSearchParams): SimulatorResponse {
    this.completeDueOperations();
    const words = (query.get('search') ?? query.get('Search') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const found = this.data.accounts.filter((a) => {
      const haystack = [a.name, a.address, a.userName, a.safeName].map((v) => String(v ?? '').toLowerCase()).join(' ');
      return words.every((w) => haystack.includes(w));
    });
    return jsonResponse(200, { value: found, count: found.length });
  }

  accountActivities(id: string): SimulatorResponse {
    const account = this.account(id);
    if (!account) return cyberArkError(404, 'PASWS165E', `Account [${id}] was not found.`);
    const users = this.data.users.slice(1, 4).map((u) => u.username);
    const base = Number((account.secretManagement as Json).lastVerifiedTime);
    return jsonResponse(200, {
      Activities: users.map((user, index) => ({
        Action: 'Retrieve password',
        ActionID: 295,
        Alert: false,
        ClientID: 'PVWA',
        Date: base + (index + 1) * 3_600,
        MoreInfo: '',
        Reason: index === 0 ? 'Emergency fix INC0012345' : '',
        User: user,
      })),
    });
  }

  /** Queues the operation: the account's times move when it is done, cpmDelayMs later. */
  queueCpm(id: string, operation: CpmOperation): SimulatorResponse {
    if (!this.account(id)) return cyberArkError(404, 'PASWS165E', `Account [${id}] was not found.`);
    this.pending.push({ accountId: id, operation, dueAt: Date.now() + this.cpmDelayMs });
    return emptyResponse(200);
  }

  searchUsers(query: URLSearchParams): SimulatorResponse {
    const search = (query.get('search') ?? query.get('Search') ?? '').toLowerCase();
    const users = this.data.users.filter((u) => String(u.username).toLowerCase().includes(search));
    return jsonResponse(200, { Users: users, Total: users.length });
  }

  getUser(id: string): SimulatorResponse {
    const user = this.user(id);
    return user ? jsonResponse(200, user) : userNotFound(id);
  }

  /** The whole object or nothing: a body without the user's fields is refused, as the PVWA does. */
  putUser(id: string, body: ParsedBody): SimulatorResponse {
    const user = this.user(id);
    if (!user) return userNotFound(id);
    if (body.kind !== 'json' || !isRecord(body.value)) return invalidParameters('a user object is required.');
    const missing = Object.keys(user).filter((key) => !(key in (body.value as Json)));
    if (missing.length > 0) return invalidParameters(`missing ${missing.join(', ')}.`);
    Object.assign(user, body.value, { id: user.id });
    return jsonResponse(200, user);
  }

  setUserFlag(id: string, change: Json): SimulatorResponse {
    const user = this.user(id);
    if (!user) return userNotFound(id);
    Object.assign(user, change);
    return emptyResponse(200);
  }

  ptaSettings(): SimulatorResponse {
    return jsonResponse(200, this.data.ptaSettings);
  }

  private findSession(sessions: SimSession[], id: string): SimSession | undefined {
    return sessions.find((s) => s.record[this.sessionPathId] === id);
  }

  private account(id: string): Json | undefined {
    this.completeDueOperations();
    return this.data.accounts.find((a) => a.id === id);
  }

  private user(id: string): Json | undefined {
    return this.data.users.find((u) => String(u.id) === id);
  }

  private completeDueOperations(): void {
    const now = Date.now();
    for (let index = 0; index < this.pending.length; ) {
      const op = this.pending[index];
      if (op.dueAt > now) {
        index++;
        continue;
      }
      this.pending.splice(index, 1);
      const management = this.data.accounts.find((a) => a.id === op.accountId)?.secretManagement as Json | undefined;
      if (!management) continue;
      const seconds = Math.floor(op.dueAt / 1000);
      if (op.operation === 'Verify') management.lastVerifiedTime = seconds;
      else management.lastModifiedTime = seconds;
      if (op.operation === 'Reconcile') management.lastReconciledTime = seconds;
      management.status = 'success';
    }
  }
}

function sessionNotFound(id: string, what = 'Live session'): SimulatorResponse {
  return cyberArkError(404, 'PASWS220E', `${what} [${id}] was not found.`);
}

function userNotFound(id: string): SimulatorResponse {
  return cyberArkError(404, 'PASWS194E', `User [${id}] was not found.`);
}

function wholeOr(value: string | null, fallback: number): number {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= 0 ? n : fallback;
}
