import { PvwaError } from '../api/errors';
import { changeCredentials, getAccount, reconcileCredentials, VaultAccountDetails, verifyCredentials } from '../api/resources/accounts';
import { listLiveSessions, PsmSession, resumeLiveSession, suspendLiveSession, terminateLiveSession } from '../api/resources/psmSessions';
import { VaultCaller } from '../api/resources/vaultRequest';
import { activateUser, getUser, suspendUser, VaultUser } from '../api/resources/vaultUsers';
import { VaultCapabilities } from '../api/vaultCapabilities';
import { displayText } from '../model/format';
import type { ActionOutcome } from './actionRecord';
import { BehindEvent } from './behindEvent';
import { RespondActionDef, sessionAllows } from './respondActions';

/** What an action acts on, as the section found it. */
export type ActionTarget =
  | { readonly kind: 'session'; readonly session: PsmSession }
  | { readonly kind: 'account'; readonly account: VaultAccountDetails; readonly foundBySearch: boolean }
  | { readonly kind: 'user'; readonly user: VaultUser };

export interface ActionResult {
  readonly outcome: ActionOutcome;
  /** The result in words, or the failure with the status and the vault's words. */
  readonly detail: string;
  /** For the close text, when it succeeded. */
  readonly summary?: string;
}

export interface RunDeps {
  readonly caller: VaultCaller;
  readonly capabilities?: VaultCapabilities;
  /** How often and how many times the account is read again after a CPM operation. */
  readonly pollMs?: number;
  readonly polls?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The targets an action may act on, from the section's picture; a sentence when there is none. */
export function actionTargets(action: RespondActionDef, behind: BehindEvent, capabilities: VaultCapabilities | undefined): ActionTarget[] | string {
  switch (action.target) {
    case 'session': {
      if (behind.session.state !== 'ready') return `the PSM session could not be read: ${partProblem(behind.session)}`;
      const live = behind.session.value.live.filter((s) => sessionAllows(action, s));
      return live.length > 0 ? live.map((s) => ({ kind: 'session', session: s.session })) : 'no live session that your vault user may act on matches the event';
    }
    case 'account':
      if (behind.account.state !== 'ready') return `the account could not be found: ${partProblem(behind.account)}`;
      return [{ kind: 'account', account: behind.account.value.found.account, foundBySearch: behind.account.value.found.foundBySearch }];
    case 'user': {
      if (behind.user.state !== 'ready') return `the vault user could not be read: ${partProblem(behind.user)}`;
      const user = behind.user.value.user;
      if (capabilities?.isSignedInUser(user.username)) return 'it is your own vault user';
      return [{ kind: 'user', user }];
    }
  }
}

function partProblem(part: BehindEvent[keyof Omit<BehindEvent, 'loadedAt'>]): string {
  switch (part.state) {
    case 'loading':
      return 'still loading';
    case 'ready':
      return 'none';
    case 'failed':
      return part.message;
    default:
      return part.reason;
  }
}

/** "jdoe's PSM session on root@10.1.8.182", "account root@10.1.8.182", "vault user jdoe". */
export function targetName(target: ActionTarget): string {
  switch (target.kind) {
    case 'session':
      return `${name(target.session.user)}'s PSM session on ${name(target.session.accountUsername)}@${name(target.session.accountAddress)}`;
    case 'account':
      return `account ${name(target.account.userName)}@${name(target.account.address)}`;
    case 'user':
      return `vault user ${name(target.user.username)}`;
  }
}

const name = (value: string | undefined) => (value ? displayText(value, 60) : 'unknown');

/** Sends the action, reads the state again and says the result in words. Never throws. */
export async function runAction(deps: RunDeps, action: RespondActionDef, target: ActionTarget): Promise<ActionResult> {
  try {
    switch (target.kind) {
      case 'session':
        return await runSessionAction(deps, action, target.session);
      case 'account':
        return await runCpmAction(deps, action, target.account);
      case 'user':
        return await runUserAction(deps, action, target.user);
    }
  } catch (error) {
    const words = error instanceof Error ? error.message : String(error);
    return { outcome: 'failed', detail: `${action.title.replace(/…$/, '')} on ${targetName(target)} failed: ${words}` };
  }
}

async function runSessionAction(deps: RunDeps, action: RespondActionDef, session: PsmSession): Promise<ActionResult> {
  const who = `${name(session.user)}'s PSM session`;
  const where = `${who} on ${name(session.accountUsername)}@${name(session.accountAddress)}`;
  if (action.id === 'terminateSession') {
    await terminateLiveSession(deps.caller, session);
    const still = await stillLive(deps, session);
    return still
      ? { outcome: 'requested', detail: `Terminate sent for ${where}; the vault still lists it as live.`, summary: `termination of ${who} requested` }
      : { outcome: 'done', detail: `Terminated ${where}: it is no longer live.`, summary: `Terminated ${who}` };
  }
  const suspend = action.id === 'suspendSession';
  await (suspend ? suspendLiveSession : resumeLiveSession)(deps.caller, session);
  // The contract has no suspension field: a suspended session is still listed as live.
  const still = await stillLive(deps, session);
  const state = still ? 'it is still listed, and the vault does not report suspension' : 'it is no longer listed as live';
  return suspend
    ? { outcome: 'requested', detail: `Suspend accepted for ${where}; ${state}.`, summary: `Suspended ${who}` }
    : { outcome: 'requested', detail: `Resume accepted for ${where}; ${state}.`, summary: `Resumed ${who}` };
}

async function stillLive(deps: RunDeps, session: PsmSession): Promise<boolean> {
  const live = await listLiveSessions(deps.caller, session.user ? { search: session.user } : {});
  return live.some((s) => (session.sessionId && s.sessionId === session.sessionId) || (session.sessionGuid && s.sessionGuid === session.sessionGuid));
}

const CPM_WORDS = {
  changeCredentials: { noun: 'credential change', done: 'credential changed' },
  verifyCredentials: { noun: 'credential verification', done: 'credential verified' },
  reconcileCredentials: { noun: 'credential reconciliation', done: 'credential reconciled' },
} as const;

async function runCpmAction(deps: RunDeps, action: RespondActionDef, account: VaultAccountDetails): Promise<ActionResult> {
  if (!account.id) throw new PvwaError('badRequest', 'The vault gave the account no id to act on.');
  const id = account.id;
  const words = CPM_WORDS[action.id as keyof typeof CPM_WORDS];
  const timeOf = (a: VaultAccountDetails) => (action.id === 'verifyCredentials' ? a.lastVerifiedTime : action.id === 'reconcileCredentials' ? a.lastReconciledTime : a.lastModifiedTime);
  const before = timeOf(await getAccount(deps.caller, id));
  await (action.id === 'changeCredentials' ? changeCredentials : action.id === 'verifyCredentials' ? verifyCredentials : reconcileCredentials)(deps.caller, id);
  const where = `account ${name(account.userName)}@${name(account.address)}`;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let poll = 0; poll < (deps.polls ?? 5); poll++) {
    await sleep(deps.pollMs ?? 2000);
    const after = timeOf(await getAccount(deps.caller, id));
    if (after !== undefined && after !== before) return { outcome: 'done', detail: `The CPM queued and then did the ${words.noun} of ${where}.`, summary: words.done };
  }
  return { outcome: 'requested', detail: `The ${words.noun} of ${where} is queued, not yet done.`, summary: `${words.noun} requested` };
}

async function runUserAction(deps: RunDeps, action: RespondActionDef, user: VaultUser): Promise<ActionResult> {
  if (!user.id) throw new PvwaError('badRequest', 'The vault gave the user no id to act on.');
  if (deps.capabilities?.isSignedInUser(user.username)) throw new PvwaError('badRequest', 'Refused: that is your own vault user.');
  const who = name(user.username);
  const suspend = action.id === 'suspendVaultUser';
  if (suspend) await suspendUser(deps.caller, user.id);
  else await activateUser(deps.caller, user.id);
  const after = await getUser(deps.caller, user.id);
  if (after.suspended === suspend) return { outcome: 'done', detail: `Vault user ${who} is ${suspend ? 'suspended' : 'active again'}.`, summary: `${who} ${suspend ? 'suspended' : 'activated'}` };
  return { outcome: 'requested', detail: `${suspend ? 'Suspend' : 'Activate'} accepted for vault user ${who}, but the vault still says ${after.suspended ? 'suspended' : 'not suspended'}.` };
}
