import * as vscode from 'vscode';
import { describeError, PvwaError } from '../api/errors';
import { displayText } from '../model/format';
import { SourceState } from '../sources/eventSource';
import { VaultSource } from '../sources/vault/vaultSource';
import { saveConnection } from '../sources/vault/vaultSettings';
import { Services } from '../services';
import * as inertWindow from '../ui/inertWindow';
import { inertQuickPick } from '../util/inertText';
import { askConnection } from './vaultPrompts';

export function registerSessionCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('cyberarkPta.signIn', (arg?: unknown) => signIn(services, arg)),
    vscode.commands.registerCommand('cyberarkPta.signOut', (arg?: unknown) => signOut(services, arg)),
  ];
}

/** Vaults whose last sign-in failed: their next sign-in offers every connection field again, prefilled. */
const failedBefore = new Set<string>();

/**
 * Signs in to the vault given (a vault node, a Sign In row), the only one, or the ones picked
 * (with All Vaults). Resolves whether every chosen vault ended up signed in.
 */
export async function signIn(services: Services, arg?: unknown): Promise<boolean> {
  const chosen = await chooseVaults(services, arg, 'Sign in to which vault?', (v) => !v.session.isSignedIn);
  if (!chosen) return false;
  let all = true;
  for (const vault of chosen) all = (await signInVault(services, vault)) && all;
  return all;
}

async function signInVault(services: Services, vault: VaultSource): Promise<boolean> {
  const title = `Sign In to ${displayText(vault.label, 60)}`;
  const editAll = failedBefore.has(vault.id);
  if (editAll || !vault.target) {
    const { address, username, authMethod } = vault.config;
    const answers = await askConnection(title, { url: address?.appUrl, username, method: authMethod }, !editAll);
    if (!answers) return false;
    if (answers.url !== vault.config.address?.appUrl || answers.username !== username || answers.method !== authMethod) {
      await saveConnection(vault.config, answers);
      await services.vaults.sync();
    }
  }
  const target = vault.target;
  if (!target) return false;
  const { address } = target;
  if (!address.isHttps && !address.isLoopback && !vscode.workspace.getConfiguration('cyberarkPta').get<boolean>('allowPlainHttp', false)) {
    void inertWindow.showErrorMessage(
      `Refusing to send your password over plain HTTP to ${address.hostname}. Use the vault's https:// address, or allow it explicitly with cyberarkPta.allowPlainHttp.`,
    );
    return false;
  }
  try {
    const signedIn = await inertWindow.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Signing in to ${displayText(vault.label, 60)}` },
      () => vault.session.signIn(target),
    );
    if (signedIn) failedBefore.delete(vault.id);
    return signedIn;
  } catch (error) {
    failedBefore.add(vault.id);
    const lockout = error instanceof PvwaError && error.kind === 'auth' ? ' Check the user name, password and method: vaults suspend users after a few failed sign-ins, so nothing is retried automatically.' : '';
    const choice = await inertWindow.showErrorMessage(
      `Sign-in to ${displayText(vault.label, 60)} failed: ${describeError(error)}${lockout}`,
      'Try Again',
      'Open Settings',
    );
    if (choice === 'Try Again') return signInVault(services, vault);
    if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'cyberarkPta');
    return false;
  }
}

async function signOut(services: Services, arg?: unknown): Promise<void> {
  const chosen = await chooseVaults(services, arg, 'Sign out of which vault?', (v) => v.session.isSignedIn);
  if (!chosen || chosen.length === 0) return;
  const targets = chosen.map((vault) => ({ vault, target: vault.session.target }));
  await Promise.all(chosen.map((vault) => vault.session.signOut()));
  const names = chosen.map((v) => displayText(v.label, 40)).join(', ');
  const forget = await inertWindow.showInformationMessage(`Signed out of ${names}. Forget the stored password${chosen.length > 1 ? 's' : ''} too?`, 'Forget Password');
  if (forget !== 'Forget Password') return;
  for (const { target } of targets) {
    if (target) await services.passwords.delete(target.address.appUrl, target.username);
  }
}

/**
 * The vaults a session command acts on: the one named by the argument, the only eligible one,
 * or those picked from a list of every vault with its state (plus All Vaults). Undefined when cancelled.
 */
async function chooseVaults(services: Services, arg: unknown, placeHolder: string, eligible: (v: VaultSource) => boolean): Promise<VaultSource[] | undefined> {
  const sourceId = (arg as { sourceId?: unknown } | undefined)?.sourceId;
  const vaults = services.vaults.all();
  if (typeof sourceId === 'string') {
    const vault = services.vaults.get(sourceId);
    return vault ? [vault] : undefined;
  }
  const candidates = vaults.filter(eligible);
  if (candidates.length === 0) {
    void inertWindow.showInformationMessage(vaults.length === 1 ? 'Nothing to do: the vault is already in that state.' : 'Nothing to do: every vault is already in that state.');
    return undefined;
  }
  if (vaults.length === 1) return candidates;
  const all = { label: 'All Vaults', description: `${candidates.length} vault${candidates.length === 1 ? '' : 's'}`, vaults: candidates };
  const picked = await vscode.window.showQuickPick(
    [
      ...candidates.map((vault) => ({
        label: inertQuickPick(displayText(vault.label, 60)),
        description: stateWords(vault.state),
        detail: inertQuickPick(vault.target ? `${displayText(vault.target.username, 60)} @ ${displayText(vault.target.address.hostname, 80)}` : 'address not set yet'),
        vaults: [vault],
      })),
      ...(candidates.length > 1 ? [all] : []),
    ],
    { placeHolder, title: 'CyberArk PTA vaults' },
  );
  return picked?.vaults;
}

function stateWords(state: SourceState): string {
  switch (state.kind) {
    case 'signedOut':
      return 'signed out';
    case 'loading':
      return 'loading';
    case 'failed':
      return 'signed in, load failed';
    case 'stale':
      return 'signed in, last refresh failed';
    case 'loaded':
      return 'signed in';
  }
}
