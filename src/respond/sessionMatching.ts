import type { PsmSession } from '../api/resources/psmSessions';
import { PtaEvent } from '../model/ptaEvent';
import { AuditParties, eventParties, isHostForm, lower, userOf } from './eventParties';

/**
 * Which PSM sessions (live ones or recordings) an event is about, best first. A session is a
 * match only when its vault user AND the machine it connects to are the audit's (or, when the
 * audit names no target, its account's user and address); the account
 * user, the FromIP and a start before the audit raise its rank. A session that started after
 * the audit cannot be the one the audit saw. Pure.
 */
export interface SessionMatch {
  readonly session: PsmSession;
  /** Higher is better; comparable only within one answer. */
  readonly score: number;
  readonly accountUserAgrees: boolean;
  readonly fromIpAgrees: boolean;
  readonly startedBeforeAudit: boolean;
}

/** Clocks of the PSM and the PTA may differ a little. */
const CLOCK_SKEW_MS = 60_000;

export function matchSessions(event: PtaEvent, sessions: readonly PsmSession[]): SessionMatch[] {
  return rankSessions(eventParties(event), sessions);
}

/** The same over parties already read (the bench and repeated lookups read them once). */
export function rankSessions(parties: readonly AuditParties[], sessions: readonly PsmSession[]): SessionMatch[] {
  const matches: SessionMatch[] = [];
  for (const session of sessions) {
    let best: SessionMatch | undefined;
    for (const audit of parties) {
      const match = matchOne(session, audit);
      if (match && (!best || match.score > best.score)) best = match;
    }
    if (best) matches.push(best);
  }
  return matches.sort(byRank);
}

function matchOne(session: PsmSession, audit: AuditParties): SessionMatch | undefined {
  if (!audit.vaultUser || lower(session.user) !== audit.vaultUser) return undefined;
  const accountUserAgrees = !!audit.accountUser && lower(userOf(session.accountUsername)) === lower(userOf(audit.accountUser));
  // Without a target in the audit, the account (user and address) stands for the machine.
  const targetAgrees =
    audit.target.spellings.size > 0
      ? isHostForm(session.accountAddress, audit.target) || isHostForm(session.remoteMachine, audit.target)
      : accountUserAgrees && !!audit.accountAddress && lower(session.accountAddress) === audit.accountAddress;
  if (!targetAgrees) return undefined;
  if (session.start !== undefined && audit.createTime !== undefined && session.start > audit.createTime + CLOCK_SKEW_MS) return undefined;
  const fromIpAgrees = isHostForm(session.fromIp, audit.source);
  const startedBeforeAudit = session.start !== undefined && audit.createTime !== undefined;
  return { session, score: 4 + (accountUserAgrees ? 2 : 0) + (fromIpAgrees ? 2 : 0) + (startedBeforeAudit ? 1 : 0), accountUserAgrees, fromIpAgrees, startedBeforeAudit };
}

/** Best score first; then the latest start (nearest the event); then by id, so ties are stable. */
function byRank(a: SessionMatch, b: SessionMatch): number {
  return b.score - a.score || (b.session.start ?? 0) - (a.session.start ?? 0) || compareText(a.session.sessionId, b.session.sessionId);
}

function compareText(a: string | undefined, b: string | undefined): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
}
