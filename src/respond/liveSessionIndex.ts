import type { PsmSession } from '../api/resources/psmSessions';
import { isIpAddress, shortName } from '../model/hosts';
import { PtaEvent } from '../model/ptaEvent';
import { AuditParties, eventParties, lower } from './eventParties';
import { rankSessions, SessionMatch } from './sessionMatching';

/**
 * One vault's live PSM sessions, indexed by vault user, and by vault user and machine, so that an
 * event row compares only the sessions that could match it (matchSessions requires the user and
 * the machine to agree); each event's answer is kept until the event changes (the store replaces
 * an event's object when it does). Pure.
 */
export class LiveSessionIndex {
  static readonly EMPTY = new LiveSessionIndex([]);

  readonly sessions: readonly PsmSession[];
  private readonly byUser = new Map<string, PsmSession[]>();
  /** `user NUL host`: each session under every key its AccountAddress and RemoteMachine can be matched by. */
  private readonly byUserAndHost = new Map<string, PsmSession[]>();
  private readonly answers = new WeakMap<PtaEvent, SessionMatch | null>();
  /** Tells one list of sessions from another without comparing them field by field. */
  readonly signature: string;

  constructor(sessions: readonly PsmSession[]) {
    this.sessions = sessions.filter((s) => s.isLive !== false);
    for (const session of this.sessions) {
      const user = lower(session.user);
      if (!user) continue;
      add(this.byUser, user, session);
      for (const key of new Set([session.accountAddress, session.remoteMachine].flatMap(hostKeys))) add(this.byUserAndHost, `${user}\u0000${key}`, session);
    }
    this.signature = this.sessions.map(sessionKey).sort().join('\n');
  }

  get size(): number {
    return this.sessions.length;
  }

  /** The live session an open event is about (the best match), if any. */
  matchOf(event: PtaEvent): SessionMatch | undefined {
    if (event.status !== 'OPEN' || this.byUser.size === 0) return undefined;
    const known = this.answers.get(event);
    if (known !== undefined) return known ?? undefined;
    const answer = this.find(event);
    this.answers.set(event, answer ?? null);
    return answer;
  }

  private find(event: PtaEvent): SessionMatch | undefined {
    // Most rows name no user with a live session: answered from the raw audits, nothing normalised.
    const audits = Array.isArray(event.raw.audits) ? (event.raw.audits as unknown[]) : [];
    if (!audits.some((audit) => this.byUser.has(lower(vaultUserOf(audit)) ?? ''))) return undefined;
    const parties = eventParties(event);
    const candidates = new Set<PsmSession>();
    for (const party of parties) for (const session of this.candidatesOf(party)) candidates.add(session);
    return candidates.size > 0 ? rankSessions(parties, [...candidates])[0] : undefined;
  }

  /** The user's sessions on the audit's machine; all of the user's when the audit names no machine (the account decides). */
  private candidatesOf(party: AuditParties): readonly PsmSession[] {
    if (!party.vaultUser) return [];
    if (party.target.spellings.size === 0) return this.byUser.get(party.vaultUser) ?? [];
    const found: PsmSession[] = [];
    for (const host of [...party.target.spellings, ...party.target.shortNames]) found.push(...(this.byUserAndHost.get(`${party.vaultUser}\u0000${host}`) ?? []));
    return found;
  }
}

function add(map: Map<string, PsmSession[]>, key: string, session: PsmSession): void {
  const list = map.get(key);
  if (list) list.push(session);
  else map.set(key, [session]);
}

/** The keys a session's host is found by: as written (lower-case), and its short name when it is a name (see isHostForm). */
function hostKeys(value: string | undefined): string[] {
  const text = lower(value);
  if (!text) return [];
  return isIpAddress(text) ? [text] : [text, shortName(text)];
}

function vaultUserOf(audit: unknown): string | undefined {
  const user = audit && typeof audit === 'object' ? (audit as { vaultUser?: unknown }).vaultUser : undefined;
  return typeof user === 'string' ? user : undefined;
}

/** What decides which events a session matches, and which session it is. */
function sessionKey(s: PsmSession): string {
  return JSON.stringify([s.sessionId, s.sessionGuid, s.user, s.accountUsername, s.accountAddress, s.remoteMachine, s.fromIp, s.start]);
}
