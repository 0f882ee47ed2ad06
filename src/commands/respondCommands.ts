import * as vscode from 'vscode';
import { VaultCapabilities } from '../api/vaultCapabilities';
import { formatAge } from '../model/format';
import { Respond } from '../respond/respond';
import { RESPOND_ACTIONS, RespondActionDef, respondAction, usability } from '../respond/respondActions';
import { ActionResult, ActionTarget, actionTargets, runAction, targetName } from '../respond/respondRun';
import { EventRef } from '../sources/eventSource';
import { SourcedEvent } from '../sources/eventSources';
import { VaultSource } from '../sources/vault/vaultSource';
import { Services } from '../services';
import * as inertWindow from '../ui/inertWindow';
import { inertQuickPick } from '../util/inertText';
import { targetEvents } from './eventTargets';

/** What a respond command returns (for keybindings and tests). */
export type RespondCommandResult = { readonly sent: false; readonly reason: string } | ({ readonly sent: true; readonly target: string } & ActionResult);

/** The respond commands: a pick of the action, and one command per action. */
export function registerRespondCommands(services: Services): vscode.Disposable[] {
  const { respond } = services;
  return [
    vscode.commands.registerCommand('cyberarkPta.respond', (arg: unknown) => pickAndRespond(services, respond, arg)),
    ...RESPOND_ACTIONS.map((action) => vscode.commands.registerCommand(action.command, (arg: unknown) => respondTo(services, respond, action, arg))),
  ];
}

const NOT_SENT = (reason: string): RespondCommandResult => ({ sent: false, reason });

/** The one event a respond command acts on: the argument, else the tree's selected event, else a pick. Never several. */
async function respondTarget(services: Services, arg: unknown): Promise<{ found: SourcedEvent; vault: VaultSource } | string> {
  const [found] = await targetEvents(services, arg, undefined, { needs: 'triage', allowMany: false, placeHolder: 'Respond to which event?' });
  if (!found) return 'no event chosen';
  const vault = services.vaults.get(found.source.id);
  if (!vault?.session.isSignedIn) return 'the vault is signed out';
  return { found, vault };
}

/** Respond…: every action, the unusable ones shown with the reason. */
async function pickAndRespond(services: Services, respond: Respond, arg: unknown): Promise<RespondCommandResult> {
  const chosen = await respondTarget(services, arg);
  if (typeof chosen === 'string') return NOT_SENT(chosen);
  const ref = refOf(chosen.found);
  await respond.section.load(ref);
  const behind = respond.cache.get(ref);
  const items = RESPOND_ACTIONS.map((action) => {
    const use = usability(action, chosen.found.event, chosen.vault.vaultCapabilities, behind);
    return { label: action.title, description: use.usable ? undefined : inertQuickPick(`Unavailable: ${use.reason}`), action, reason: use.usable ? undefined : use.reason };
  });
  const picked = await vscode.window.showQuickPick(items, { title: 'Respond', placeHolder: 'What to do about this event?', ignoreFocusOut: true });
  if (!picked) return NOT_SENT('cancelled');
  if (picked.reason) {
    void inertWindow.showInformationMessage(`${picked.action.title.replace(/…$/, '')} cannot be used on this event: ${picked.reason}.`);
    return NOT_SENT(picked.reason);
  }
  return respondTo(services, respond, picked.action, ref);
}

/** One action on one event: target, confirmation, the request, the state read again, the record. */
async function respondTo(services: Services, respond: Respond, action: RespondActionDef, arg: unknown): Promise<RespondCommandResult> {
  const chosen = await respondTarget(services, arg);
  if (typeof chosen === 'string') {
    if (chosen !== 'no event chosen') void inertWindow.showWarningMessage(`${title(action)}: ${chosen}. Nothing was sent.`);
    return NOT_SENT(chosen);
  }
  const { found, vault } = chosen;
  const ref = refOf(found);
  await respond.section.load(ref);
  const behind = respond.cache.get(ref);
  const capabilities = vault.vaultCapabilities;
  const use = usability(action, found.event, capabilities, behind);
  const targets = use.usable && behind ? actionTargets(action, behind, capabilities) : use.usable ? 'the event could not be looked up' : use.reason;
  if (typeof targets === 'string') {
    void inertWindow.showWarningMessage(`${title(action)} cannot be used on this event: ${targets}. Nothing was sent.`);
    return NOT_SENT(targets);
  }
  const target = targets.length === 1 ? targets[0] : await pickSession(targets);
  if (!target) return NOT_SENT('cancelled');
  const confirm = title(action);
  const answer = await inertWindow.showWarningMessage(confirmation(action, target, vault.label), { modal: true, detail: confirmationDetail(action) }, confirm);
  if (answer !== confirm) return NOT_SENT('not confirmed');
  const result = await runAction({ caller: vault.session, capabilities, ...respond.pollOptions }, action, target);
  await record(respond, vault, capabilities, ref, action, target, result, result.detail);
  tellResult(services, respond, action, ref, target, result);
  return { sent: true, target: targetName(target), ...result };
}

function tellResult(services: Services, respond: Respond, action: RespondActionDef, ref: EventRef, target: ActionTarget, result: ActionResult): void {
  if (result.outcome === 'failed') {
    void inertWindow.showErrorMessage(result.detail);
    return;
  }
  if (action.id !== 'suspendVaultUser' || result.outcome !== 'done') {
    void inertWindow.showInformationMessage(result.detail);
    return;
  }
  void inertWindow.showInformationMessage(result.detail, 'Undo').then((choice) => {
    if (choice === 'Undo') void undoSuspend(services, respond, ref, target);
  });
}

/** Undo of a suspension: Activate on the same user, recorded like any action. */
async function undoSuspend(services: Services, respond: Respond, ref: EventRef, target: ActionTarget): Promise<void> {
  const vault = services.vaults.get(ref.sourceId);
  const activate = respondAction('activateVaultUser');
  if (!vault?.session.isSignedIn || !activate) return;
  const capabilities = vault.vaultCapabilities;
  const result = await runAction({ caller: vault.session, capabilities }, activate, target);
  await record(respond, vault, capabilities, ref, activate, target, result, `Undo: ${result.detail}`);
  void (result.outcome === 'failed' ? inertWindow.showErrorMessage(result.detail) : inertWindow.showInformationMessage(result.detail));
}

/** Records what an action did on the event (a failed one with no summary, so it is never written as done), and redraws the section. */
async function record(respond: Respond, vault: VaultSource, capabilities: VaultCapabilities | undefined, ref: EventRef, action: RespondActionDef, target: ActionTarget, result: ActionResult, detail: string): Promise<void> {
  await respond.records.add(ref, {
    action: action.id,
    target: targetName(target),
    at: Date.now(),
    by: capabilities?.signedInUser ?? vault.session.target?.username ?? 'unknown',
    vault: vault.label,
    outcome: result.outcome,
    detail,
    summary: result.outcome === 'failed' ? undefined : result.summary,
  });
  void respond.section.load(ref, true);
}

/** Several live sessions match: the analyst names one; nothing is guessed. */
async function pickSession(targets: ActionTarget[]): Promise<ActionTarget | undefined> {
  const now = Date.now();
  const picked = await vscode.window.showQuickPick(
    targets.map((target) => {
      const s = target.kind === 'session' ? target.session : undefined;
      return {
        label: inertQuickPick(targetName(target)),
        description: inertQuickPick(s ? `from ${s.fromIp ?? 'unknown'}, started ${s.start ? formatAge(s.start, now) : 'at an unknown time'}` : ''),
        target,
      };
    }),
    { title: 'Several live sessions match the event', placeHolder: 'Which session?', ignoreFocusOut: true },
  );
  return picked?.target;
}

/** "Terminate the PSM session of jdoe on root@10.1.8.182, from 10.20.30.40, started 25 min ago, in vault Prod?" */
function confirmation(action: RespondActionDef, target: ActionTarget, vaultName: string, now = Date.now()): string {
  const inVault = `in vault ${vaultName}`;
  switch (target.kind) {
    case 'session': {
      const s = target.session;
      const started = s.start ? `started ${formatAge(s.start, now)}` : 'start unknown';
      return `${action.verb} the PSM session of ${s.user ?? 'unknown'} on ${s.accountUsername ?? 'unknown'}@${s.accountAddress ?? 'unknown'}, from ${s.fromIp ?? 'unknown'}, ${started}, ${inVault}?`;
    }
    case 'account':
      return `${action.verb} account ${target.account.userName ?? 'unknown'}@${target.account.address ?? 'unknown'} (safe ${target.account.safeName ?? 'unknown'})${target.foundBySearch ? ', found by search' : ''}, ${inVault}?`;
    case 'user':
      return `${action.verb} ${target.user.username ?? 'unknown'} ${inVault}?`;
  }
}

function confirmationDetail(action: RespondActionDef): string {
  switch (action.id) {
    case 'terminateSession':
      return 'The session ends at once; the user is disconnected.';
    case 'suspendSession':
      return 'The session is frozen until resumed.';
    case 'resumeSession':
      return 'The session continues.';
    case 'changeCredentials':
      return 'The CPM sets a new password for the account and its group; whoever holds the old one loses access.';
    case 'verifyCredentials':
      return 'The CPM checks that the stored password still works.';
    case 'reconcileCredentials':
      return 'The CPM resets the password with the reconcile account.';
    case 'suspendVaultUser':
      return 'The user cannot sign in to the vault until activated. You can undo this.';
    case 'activateVaultUser':
      return 'The user can sign in to the vault again.';
  }
}

const title = (action: RespondActionDef) => action.title.replace(/…$/, '');

function refOf({ source, event }: SourcedEvent): EventRef {
  return { sourceId: source.id, eventId: event.id };
}
