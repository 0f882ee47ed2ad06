import { PvwaError } from '../api/errors';
import { accountActivities, AccountActivity } from '../api/resources/accounts';
import { getPtaSettings, PtaRule } from '../api/resources/ptaSettings';
import { listLiveSessions, listRecordings, liveSessionActivities, PsmSession, recordingActivities, SessionActivity } from '../api/resources/psmSessions';
import { VaultCaller } from '../api/resources/vaultRequest';
import { searchUsers, VaultUser } from '../api/resources/vaultUsers';
import { VaultCallName, VaultCapabilities } from '../api/vaultCapabilities';
import { eventAudits, PtaEvent } from '../model/ptaEvent';
import { findEventAccount, FoundAccount } from './accountLookup';
import { CredentialChange, credentialChangeSinceEvent, lastSeen } from './credentialChange';
import { eventParties } from './eventParties';
import { flaggedActivityIndexes } from './flaggedActivity';
import { automaticRemediationFor, matchPatternsOf, RemediationState, REMEDIATION_KEYS, ruleForEvent } from './ptaRules';
import { matchSessions, SessionMatch } from './sessionMatching';

/**
 * What stands behind one event, read from its vault: its PSM session, account, vault user and
 * the PTA rule that fired. Each part is loaded on its own and fails on its own; a call the vault
 * is too old for is not sent. No vscode.
 */
export type Part<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly value: T }
  /** The event names nothing this part could look up. */
  | { readonly state: 'none'; readonly reason: string }
  /** The vault is too old for the call: "needs PVWA 10.6; this vault is 10.4". */
  | { readonly state: 'unavailable'; readonly reason: string }
  | { readonly state: 'failed'; readonly status?: number; readonly message: string };

export interface FoundSession {
  readonly session: PsmSession;
  readonly accountUserAgrees: boolean;
  readonly fromIpAgrees: boolean;
  readonly activities: Part<readonly SessionActivity[]>;
  /** Indexes into the activities: the event's flagged command. */
  readonly flagged: readonly number[];
}

export interface SessionPart {
  /** Live sessions that match, best first. */
  readonly live: readonly FoundSession[];
  /** When none is live: the best matching recording, if any. */
  readonly recording?: FoundSession;
  /** When none is live and the recordings could not be read: why. */
  readonly recordingProblem?: string;
}

export interface AccountPart {
  readonly found: FoundAccount;
  readonly changeSinceEvent: CredentialChange;
  /** The account's activities up to the event's last audit, newest first. */
  readonly activities: Part<readonly AccountActivity[]>;
}

export interface UserPart {
  readonly user: VaultUser;
}

export interface RulePart {
  readonly matchPatterns?: string;
  /** Undefined when no rule of the vault has the event's matchPatterns. */
  readonly rule?: PtaRule;
  /** For the event types PTA remediates by itself. */
  readonly remediation?: RemediationState;
}

export interface BehindEvent {
  readonly session: Part<SessionPart>;
  readonly account: Part<AccountPart>;
  readonly user: Part<UserPart>;
  readonly rule: Part<RulePart>;
  /** When the loading started (epoch ms). */
  readonly loadedAt: number;
}

export interface BehindEventDeps {
  readonly caller: VaultCaller;
  /** Undefined until read after sign-in: every call is then tried. */
  readonly capabilities?: VaultCapabilities;
}

/** Sessions whose activities are read: the best few are enough to tell them apart. */
const MAX_SESSIONS_WITH_ACTIVITIES = 5;
/** Account activities shown before the event. */
const MAX_ACCOUNT_ACTIVITIES = 10;
/** The PSM and PTA clocks may differ a little. */
const CLOCK_SKEW_MS = 60_000;

/** What a 403 on each part's read means, in words. */
const FORBIDDEN: Record<keyof Omit<BehindEvent, 'loadedAt'>, string> = {
  session: 'your vault user may not list live sessions',
  account: 'your vault user may not read this account',
  user: 'your vault user may not list vault users',
  rule: 'your vault user may not read the PTA settings',
};

type BehindPartName = keyof typeof FORBIDDEN;

export function loadingBehindEvent(now: number): BehindEvent {
  const loading = { state: 'loading' } as const;
  return { session: loading, account: loading, user: loading, rule: loading, loadedAt: now };
}

/**
 * Loads every part side by side; `onChange` gets the whole picture each time a part arrives.
 * Never rejects: a part's failure is kept in that part.
 */
export async function loadBehindEvent(deps: BehindEventDeps, event: PtaEvent, onChange: (behind: BehindEvent) => void, now = Date.now()): Promise<BehindEvent> {
  let current = loadingBehindEvent(now);
  const settle = async <K extends BehindPartName>(name: K, load: () => Promise<BehindEvent[K]>) => {
    let part: BehindEvent[K];
    try {
      part = await load();
    } catch (error) {
      part = failure(error, FORBIDDEN[name]) as BehindEvent[K];
    }
    current = { ...current, [name]: part };
    onChange(current);
  };
  await Promise.all([
    settle('session', () => loadSessionPart(deps, event)),
    settle('account', () => loadAccountPart(deps, event)),
    settle('user', () => loadUserPart(deps, event)),
    settle('rule', () => loadRulePart(deps, event)),
  ]);
  return current;
}

/** A failure in words: the status and the vault's own, with what a 403 means for this part. */
function failure(error: unknown, forbidden: string): Part<never> {
  if (error instanceof PvwaError) {
    const message = error.status === 403 ? `HTTP 403: ${forbidden}. The vault said: ${error.message}` : error.message;
    return { state: 'failed', status: error.status, message };
  }
  return { state: 'failed', message: error instanceof Error ? error.message : String(error) };
}

function unavailable(deps: BehindEventDeps, ...calls: VaultCallName[]): { readonly state: 'unavailable'; readonly reason: string } | undefined {
  for (const call of calls) {
    const can = deps.capabilities?.can(call);
    if (can && !can.available) return { state: 'unavailable', reason: can.reason };
  }
  return undefined;
}

/** A PSM event: one of its audits comes from the PSM, or it has the rule's matchPatterns. */
export function isPsmEvent(event: PtaEvent): boolean {
  return event.type === 'PSMSuspiciousActivity' || eventAudits(event).some((a) => a.sensorType?.toUpperCase() === 'PSM' || a.psmCommand !== undefined);
}

async function loadSessionPart(deps: BehindEventDeps, event: PtaEvent): Promise<Part<SessionPart>> {
  if (!isPsmEvent(event)) return { state: 'none', reason: 'Not a PSM event: no session stands behind it.' };
  const parties = eventParties(event);
  const users = [...new Set(parties.map((p) => p.vaultUser).filter((u): u is string => !!u))];
  if (users.length === 0) return { state: 'none', reason: 'The event names no vault user to find its session by.' };
  const refused = unavailable(deps, 'listLiveSessions');
  if (refused) return refused;
  // Narrowed by the vault user when the audits agree on one; matched in memory either way.
  const query = users.length === 1 ? { search: users[0] } : {};
  const live = matchSessions(event, await listLiveSessions(deps.caller, query));
  if (live.length > 0) {
    const found = await Promise.all(live.map((match, index) => withActivities(deps, event, match, 'live', index < MAX_SESSIONS_WITH_ACTIVITIES)));
    return { state: 'ready', value: { live: found } };
  }
  const noRecordings = unavailable(deps, 'listRecordings');
  if (noRecordings) return { state: 'ready', value: { live: [], recordingProblem: `Recordings: ${noRecordings.reason}` } };
  try {
    const [best] = matchSessions(event, await listRecordings(deps.caller, query));
    return { state: 'ready', value: { live: [], recording: best && (await withActivities(deps, event, best, 'recording', true)) } };
  } catch (error) {
    const failed = failure(error, 'your vault user may not list recordings');
    return { state: 'ready', value: { live: [], recordingProblem: failed.state === 'failed' ? failed.message : undefined } };
  }
}

async function withActivities(deps: BehindEventDeps, event: PtaEvent, match: SessionMatch, kind: 'live' | 'recording', read: boolean): Promise<FoundSession> {
  const base = { session: match.session, accountUserAgrees: match.accountUserAgrees, fromIpAgrees: match.fromIpAgrees };
  if (!read) return { ...base, activities: { state: 'none', reason: 'Not read: only the best matches are.' }, flagged: [] };
  const call = kind === 'live' ? 'liveSessionActivities' : 'recordingActivities';
  const refused = unavailable(deps, call);
  if (refused) return { ...base, activities: refused, flagged: [] };
  try {
    const activities = await (kind === 'live' ? liveSessionActivities : recordingActivities)(deps.caller, match.session);
    return { ...base, activities: { state: 'ready', value: activities }, flagged: flaggedActivityIndexes(event, activities) };
  } catch (error) {
    return { ...base, activities: failure(error, "your vault user may not read this session's activities"), flagged: [] };
  }
}

async function loadAccountPart(deps: BehindEventDeps, event: PtaEvent): Promise<Part<AccountPart>> {
  const refused = unavailable(deps, 'getAccount');
  if (refused) return refused;
  const found = await findEventAccount(deps.caller, event);
  if (!found) return { state: 'none', reason: 'The event names no account, or the vault has none matching its account user and address.' };
  return { state: 'ready', value: { found, changeSinceEvent: credentialChangeSinceEvent(event, found.account), activities: await loadAccountActivities(deps, event, found) } };
}

async function loadAccountActivities(deps: BehindEventDeps, event: PtaEvent, found: FoundAccount): Promise<Part<readonly AccountActivity[]>> {
  const refused = unavailable(deps, 'accountActivities');
  if (refused) return refused;
  if (!found.account.id) return { state: 'none', reason: 'The vault gave the account no id.' };
  try {
    const until = (lastSeen(event) ?? Date.now()) + CLOCK_SKEW_MS;
    const before = (await accountActivities(deps.caller, found.account.id))
      .filter((a) => a.date === undefined || a.date <= until)
      .sort((a, b) => (b.date ?? 0) - (a.date ?? 0))
      .slice(0, MAX_ACCOUNT_ACTIVITIES);
    return { state: 'ready', value: before };
  } catch (error) {
    return failure(error, "your vault user may not read this account's activities");
  }
}

/** The event's vault user: the first audit that names one. */
export function eventVaultUser(event: PtaEvent): string | undefined {
  return eventAudits(event).find((a) => a.vaultUser?.trim())?.vaultUser?.trim();
}

async function loadUserPart(deps: BehindEventDeps, event: PtaEvent): Promise<Part<UserPart>> {
  const name = eventVaultUser(event);
  if (!name) return { state: 'none', reason: 'The event names no vault user.' };
  const refused = unavailable(deps, 'searchUsers');
  if (refused) return refused;
  const { users } = await searchUsers(deps.caller, name);
  const user = users.find((u) => u.username?.toLowerCase() === name.toLowerCase());
  return user ? { state: 'ready', value: { user } } : { state: 'none', reason: `The vault has no user named ${name}.` };
}

async function loadRulePart(deps: BehindEventDeps, event: PtaEvent): Promise<Part<RulePart>> {
  const matchPatterns = matchPatternsOf(event);
  const remediable = Object.prototype.hasOwnProperty.call(REMEDIATION_KEYS, event.type);
  if (!matchPatterns && !remediable) {
    const reason = event.type === 'PSMSuspiciousActivity' ? 'The event carries no matchPatterns, so the rule that fired cannot be told.' : 'Not a PSM detection nor a type PTA remediates by itself: no rule to show.';
    return { state: 'none', reason };
  }
  const refused = unavailable(deps, 'ptaSettings');
  if (refused) return refused;
  const settings = await getPtaSettings(deps.caller);
  return { state: 'ready', value: { matchPatterns, rule: ruleForEvent(event, settings), remediation: automaticRemediationFor(event, settings) } };
}
