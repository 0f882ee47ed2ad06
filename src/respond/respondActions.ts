import type { VaultCallName, VaultCapabilities } from '../api/vaultCapabilities';
import type { PtaEvent } from '../model/ptaEvent';
import { BehindEvent, eventVaultUser, FoundSession, isPsmEvent } from './behindEvent';
import { accountLookupOf } from './accountLookup';

/** The respond actions: what each acts on, the call it makes, its command. Pure. */
export type RespondActionId =
  | 'terminateSession'
  | 'suspendSession'
  | 'resumeSession'
  | 'changeCredentials'
  | 'verifyCredentials'
  | 'reconcileCredentials'
  | 'suspendVaultUser'
  | 'activateVaultUser';

export type RespondTargetKind = 'session' | 'account' | 'user';

export interface RespondActionDef {
  readonly id: RespondActionId;
  readonly command: string;
  /** The command's title, as the palette shows it. */
  readonly title: string;
  readonly target: RespondTargetKind;
  readonly call: VaultCallName;
  /** The verb of the confirmation: "Terminate the PSM session of …". */
  readonly verb: string;
}

export const RESPOND_ACTIONS: readonly RespondActionDef[] = [
  { id: 'terminateSession', command: 'cyberarkPta.terminateSession', title: 'Terminate PSM Session…', target: 'session', call: 'terminateLiveSession', verb: 'Terminate' },
  { id: 'suspendSession', command: 'cyberarkPta.suspendSession', title: 'Suspend PSM Session…', target: 'session', call: 'suspendLiveSession', verb: 'Suspend' },
  { id: 'resumeSession', command: 'cyberarkPta.resumeSession', title: 'Resume PSM Session…', target: 'session', call: 'resumeLiveSession', verb: 'Resume' },
  { id: 'changeCredentials', command: 'cyberarkPta.changeCredentials', title: 'Change Credentials Now…', target: 'account', call: 'changeCredentials', verb: 'Change the credentials of' },
  { id: 'verifyCredentials', command: 'cyberarkPta.verifyCredentials', title: 'Verify Credentials…', target: 'account', call: 'verifyCredentials', verb: 'Verify the credentials of' },
  { id: 'reconcileCredentials', command: 'cyberarkPta.reconcileCredentials', title: 'Reconcile Credentials…', target: 'account', call: 'reconcileCredentials', verb: 'Reconcile the credentials of' },
  { id: 'suspendVaultUser', command: 'cyberarkPta.suspendVaultUser', title: 'Suspend Vault User…', target: 'user', call: 'suspendUser', verb: 'Suspend the vault user' },
  { id: 'activateVaultUser', command: 'cyberarkPta.activateVaultUser', title: 'Activate Vault User…', target: 'user', call: 'activateUser', verb: 'Activate the vault user' },
];

export function respondAction(id: string): RespondActionDef | undefined {
  return RESPOND_ACTIONS.find((a) => a.id === id);
}

export type Usability = { readonly usable: true } | { readonly usable: false; readonly reason: string };

const USABLE: Usability = { usable: true };

/**
 * Whether an action can be used on the event now, and if not why. `behind` is what the panel
 * loaded (undefined: not loaded, so only what the event itself says is checked; the command
 * looks its target up before asking).
 */
export function usability(action: RespondActionDef, event: PtaEvent, capabilities: VaultCapabilities | undefined, behind: BehindEvent | undefined): Usability {
  const version = capabilities?.can(action.call);
  if (version && !version.available) return { usable: false, reason: `the vault is too old: ${version.reason}` };
  switch (action.target) {
    case 'session':
      return sessionUsability(action, event, behind);
    case 'account':
      if (!accountLookupOf(event)) return { usable: false, reason: 'the event names no account' };
      if (behind?.account.state === 'none') return { usable: false, reason: 'no account of the vault matches the event' };
      return USABLE;
    case 'user': {
      const name = eventVaultUser(event);
      if (!name) return { usable: false, reason: 'the event names no vault user' };
      if (capabilities?.isSignedInUser(name)) return { usable: false, reason: 'it is your own vault user' };
      if (behind?.user.state === 'none') return { usable: false, reason: 'the vault has no user of that name' };
      if (behind?.user.state === 'ready') {
        const suspended = behind.user.value.user.suspended;
        if (action.id === 'suspendVaultUser' && suspended) return { usable: false, reason: 'the user is already suspended' };
        if (action.id === 'activateVaultUser' && suspended === false) return { usable: false, reason: 'the user is not suspended' };
      }
      return USABLE;
    }
  }
}

function sessionUsability(action: RespondActionDef, event: PtaEvent, behind: BehindEvent | undefined): Usability {
  if (!isPsmEvent(event)) return { usable: false, reason: 'not a PSM event' };
  if (behind?.session.state !== 'ready') return USABLE;
  const live = behind.session.value.live;
  if (live.length === 0) return { usable: false, reason: 'no live session' };
  const allowed = live.filter((s) => sessionAllows(action, s));
  if (allowed.length === 0) return { usable: false, reason: action.id === 'terminateSession' ? 'CanTerminate is false for your vault user' : 'CanSuspend is false for your vault user' };
  return USABLE;
}

/** The vault's own rights on the session: CanTerminate for terminate, CanSuspend for suspend and resume. */
export function sessionAllows(action: RespondActionDef, found: FoundSession): boolean {
  const flag = action.id === 'terminateSession' ? found.session.canTerminate : found.session.canSuspend;
  return flag !== false;
}
