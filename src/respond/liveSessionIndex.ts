import type { PsmSession } from '../api/resources/psmSessions';
import { eventAudits, PtaEvent } from '../model/ptaEvent';
import { eventParties, lower } from './eventParties';
import { rankSessions, SessionMatch } from './sessionMatching';

/**
 * One vault's live PSM sessions, indexed by vault user so that an event row asks only the
 * sessions of its own users (matchSessions requires the user to agree), and each event's answer
 * is kept until the event changes (the store replaces an event's object when it does). Pure.
 */
export class LiveSessionIndex {
  static readonly EMPTY = new LiveSessionIndex([]);

  readonly sessions: readonly PsmSession[];
  private readonly byUser = new Map<string, PsmSession[]>();
  private readonly answers = new WeakMap<PtaEvent, SessionMatch | null>();
  /** Tells one list of sessions from another without comparing them field by field. */
  readonly signature: string;

  constructor(sessions: readonly PsmSession[]) {
    this.sessions = sessions.filter((s) => s.isLive !== false);
    for (const session of this.sessions) {
      const user = lower(session.user);
      if (!user) continue;
      const list = this.byUser.get(user);
      if (list) list.push(session);
      else this.byUser.set(user, [session]);
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
    // Most rows name no user with a live session: answered without reading the event's hosts.
    if (!eventAudits(event).some((audit) => this.byUser.has(lower(audit.vaultUser) ?? ''))) return undefined;
    const parties = eventParties(event);
    const candidates = new Set<PsmSession>();
    for (const party of parties) for (const session of this.byUser.get(party.vaultUser ?? '') ?? []) candidates.add(session);
    return candidates.size > 0 ? rankSessions(parties, [...candidates])[0] : undefined;
  }
}

/** What decides which events a session matches, and which session it is. */
function sessionKey(s: PsmSession): string {
  return JSON.stringify([s.sessionId, s.sessionGuid, s.user, s.accountUsername, s.accountAddress, s.remoteMachine, s.fromIp, s.start]);
}
