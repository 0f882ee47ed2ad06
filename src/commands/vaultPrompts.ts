import * as vscode from 'vscode';
import { parseVaultAddress } from '../api/baseUrl';
import type { AuthMethod } from '../api/pvwaClient';
import { readSettings } from '../config';
import { displayText } from '../model/format';
import { AUTH_METHODS } from '../sources/vault/vaultConfig';

/** What a person types to reach a vault; every step prefilled with what is known, Escape cancels. */
export interface ConnectionAnswers {
  readonly url: string;
  readonly username: string;
  readonly method: AuthMethod;
}

const METHOD_DETAILS: Record<AuthMethod, string> = {
  CyberArk: 'A vault user with a CyberArk password.',
  LDAP: 'A directory (LDAP / Active Directory) user.',
  RADIUS: 'RADIUS, including a challenge such as a one-time code.',
};

/** Asks for the address, the user name and the method, in that order. */
export async function askConnection(title: string, known: Partial<ConnectionAnswers>, skipKnown: boolean): Promise<ConnectionAnswers | undefined> {
  const url = skipKnown && known.url && !addressProblem(known.url) ? known.url : await askAddress(title, known.url);
  if (!url) return undefined;
  const host = parseVaultAddress(url).hostname;
  const username = skipKnown && known.username ? known.username : await askUsername(title, host, known.username);
  if (!username) return undefined;
  const method = skipKnown && known.method ? known.method : await askMethod(title, host, known.method);
  if (!method) return undefined;
  return { url, username, method };
}

export async function askAddress(title: string, value = ''): Promise<string | undefined> {
  const entered = await vscode.window.showInputBox({
    title,
    prompt: 'The PVWA address (https://…). It is saved in your user settings.',
    placeHolder: 'https://pvwa.example.com',
    value,
    ignoreFocusOut: true,
    validateInput: addressProblem,
  });
  return entered?.trim() || undefined;
}

async function askUsername(title: string, host: string, value = ''): Promise<string | undefined> {
  const entered = await vscode.window.showInputBox({
    title,
    prompt: `Your user name for ${displayText(host, 80)}. It is saved in your user settings.`,
    value,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter your user name.'),
  });
  return entered?.trim() || undefined;
}

async function askMethod(title: string, host: string, current?: AuthMethod): Promise<AuthMethod | undefined> {
  const items = AUTH_METHODS.map((method) => ({ label: method, detail: METHOD_DETAILS[method], method, picked: method === current }));
  const quickPick = vscode.window.createQuickPick<(typeof items)[number]>();
  quickPick.title = title;
  quickPick.placeholder = `How does ${displayText(host, 80)} check your password?`;
  quickPick.items = items;
  quickPick.activeItems = items.filter((i) => i.method === (current ?? 'CyberArk'));
  quickPick.ignoreFocusOut = true;
  const picked = await new Promise<AuthMethod | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.activeItems[0]?.method));
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  return picked;
}

/** Why an address cannot be used, checked before it is saved: its shape, and https unless loopback or allowed. */
export function addressProblem(value: string): string | undefined {
  try {
    const address = parseVaultAddress(value);
    if (!address.isHttps && !address.isLoopback && !readSettings().allowPlainHttp) {
      return `Plain http:// would send your password unencrypted to ${address.hostname}. Use the vault's https:// address (or allow it explicitly with cyberarkPta.allowPlainHttp).`;
    }
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : 'Invalid address.';
  }
}
