import { PsmSession, readPsmSession } from '../../src/api/resources/psmSessions';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { LiveSessionIndex } from '../../src/respond/liveSessionIndex';
import { matchSessions } from '../../src/respond/sessionMatching';
import { generateEvents, RawEvent } from '../simulator/data';
import { median, timeSync } from './stats';

export interface SessionLookupFigures {
  sessions: number;
  /** PSM events asked about, each once per round. */
  events: number;
  /** Of those, how many matched at least one session (so the ranking ran too). */
  matchedEvents: number;
  /** Median over every lookup of one event among the live sessions (its parties read, every session compared, ranked). */
  lookupMs: number;
  /** Open events in a page of rows asked whether their session is live. */
  pageRows: number;
  /** Of those, how many the index marked. */
  markedRows: number;
  /** Median: one vault's index built from the live sessions (once per refresh). */
  liveIndexBuildMs: number;
  /** Median: a page of rows marked through a fresh index (nothing remembered yet), the vault's index by user doing the narrowing. */
  liveRowsPageMs: number;
}

const SESSIONS = 1_000;
const ROUNDS = 5;

/**
 * Matching one event to 1,000 live sessions in memory, as a details panel or a refresh's row
 * markers do after one live-sessions call. The sessions share the events' vault users and
 * machines, so many agree on a user or a host and the comparison does its full work.
 */
export function measureSessionLookup(): SessionLookupFigures {
  const raw = generateEvents({ count: 5_000, seed: 11, now: Date.UTC(2026, 10, 21) });
  const sessions = raw.slice(0, SESSIONS * 2).flatMap(sessionLike).slice(0, SESSIONS);
  const events = raw.filter((e) => e.type === 'PSMSuspiciousActivity').map((e) => normalizeEvent(e)).filter((e): e is PtaEvent => !!e).slice(0, 200);
  events.slice(0, 50).forEach((event) => matchSessions(event, sessions));
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const event of events) samples.push(timeSync(() => matchSessions(event, sessions)).ms);
  }
  const matchedEvents = events.filter((event) => matchSessions(event, sessions).length > 0).length;
  return { sessions: sessions.length, events: events.length, matchedEvents, lookupMs: median(samples), ...measureRowMarks(raw, sessions) };
}

/** What a refresh costs the Events view: the index built once, then a page of open rows each asking it. */
function measureRowMarks(raw: readonly RawEvent[], sessions: readonly PsmSession[]) {
  const page = raw.map((e) => normalizeEvent({ ...e, mStatus: 'OPEN' })).filter((e): e is PtaEvent => !!e).slice(0, 200);
  const builds: number[] = [];
  const pages: number[] = [];
  let marked = 0;
  for (let round = 0; round < ROUNDS * 4; round++) {
    const built = timeSync(() => new LiveSessionIndex(sessions));
    builds.push(built.ms);
    pages.push(timeSync(() => (marked = page.filter((event) => built.value.matchOf(event)).length)).ms);
  }
  return { pageRows: page.length, markedRows: marked, liveIndexBuildMs: median(builds), liveRowsPageMs: median(pages) };
}

/** A live session as the vault would list it for the first audit of an event, with a vault user and a target. */
function sessionLike(event: RawEvent, index: number): PsmSession[] {
  const audits = Array.isArray(event.audits) ? (event.audits as Array<Record<string, unknown>>) : [];
  const audit = audits.find((a) => a && typeof a.vaultUser === 'string' && a.target);
  if (!audit) return [];
  const target = audit.target as { mOriginalAddress?: string };
  const source = audit.source as { mOriginalAddress?: string } | undefined;
  const inner = (audit.account as { account?: { mUser?: string } } | undefined)?.account;
  const session = readPsmSession({
    SessionID: `${index}_1_${event.id.slice(0, 4)}`,
    User: audit.vaultUser,
    AccountUsername: inner?.mUser ?? 'root',
    AccountAddress: target.mOriginalAddress,
    FromIP: source?.mOriginalAddress,
    Start: Math.floor(Number(audit.createTime ?? 0) / 1000) - 600,
    IsLive: true,
  });
  return session ? [session] : [];
}
