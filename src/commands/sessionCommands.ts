import * as vscode from 'vscode';
import { parseVaultAddress } from '../api/baseUrl';
import { describeError, PvwaError } from '../api/errors';
import { readSettings, saveConnectionSetting } from '../config';
import { Services } from '../services';
import { inertNotification } from '../util/inertText';

export function registerSessionCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('cyberarkPta.signIn', () => signIn(services)),
    vscode.commands.registerCommand('cyberarkPta.signOut', () => signOut(services)),
  ];
}

/** Asks only for what is missing (address, user name), then signs in (which starts the first load). Resolves whether it signed in. */
export async function signIn(services: Services): Promise<boolean> {
  const settings = readSettings();
  let url = settings.url;
  if (!isValidAddress(url)) {
    const entered = await vscode.window.showInputBox({
      title: 'Sign In to CyberArk PVWA',
      prompt: 'The PVWA address (https://…). It is saved in your user settings.',
      placeHolder: 'https://pvwa.example.com',
      value: url,
      ignoreFocusOut: true,
      validateInput: addressProblem,
    });
    if (!entered) return false;
    url = entered.trim();
    await saveConnectionSetting('url', url);
  }
  let username = settings.username;
  if (!username) {
    const entered = await vscode.window.showInputBox({
      title: 'Sign In to CyberArk PVWA',
      prompt: `Your user name for ${parseVaultAddress(url).hostname} (${settings.authMethod} authentication). It is saved in your user settings.`,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Enter your user name.'),
    });
    if (!entered) return false;
    username = entered.trim();
    await saveConnectionSetting('username', username);
  }
  const address = parseVaultAddress(url);
  if (!address.isHttps && !address.isLoopback && !settings.allowPlainHttp) {
    void vscode.window.showErrorMessage(
      `Refusing to send your password over plain HTTP to ${address.hostname}. Use the vault's https:// address, or allow it explicitly with cyberarkPta.allowPlainHttp.`,
    );
    return false;
  }
  try {
    const signedIn = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Signing in to ${address.hostname}` },
      () => services.session.signIn({ address, username, method: settings.authMethod }),
    );
    if (!signedIn) return false;
  } catch (error) {
    const choice = await vscode.window.showErrorMessage(inertNotification(`Sign-in to ${address.hostname} failed: ${describeError(error)}`), 'Try Again', 'Open Settings');
    if (choice === 'Try Again') return signIn(services);
    if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'cyberarkPta');
    return false;
  }
  return true;
}

async function signOut(services: Services): Promise<void> {
  const target = services.session.target;
  if (!target) return;
  await services.session.signOut();
  const forget = await vscode.window.showInformationMessage(
    `Signed out of ${target.address.hostname}. Forget the stored password too?`,
    'Forget Password',
  );
  if (forget === 'Forget Password') {
    await services.passwords.delete(target.address.appUrl, target.username);
  }
}

function isValidAddress(url: string): boolean {
  return url !== '' && addressProblem(url) === undefined;
}

function addressProblem(value: string): string | undefined {
  try {
    parseVaultAddress(value);
    return undefined;
  } catch (error) {
    return error instanceof PvwaError || error instanceof Error ? error.message : 'Invalid address.';
  }
}
