import * as vscode from 'vscode';
import type { AuthMethod } from '../../api/pvwaClient';
import { SECTION } from '../../config';
import { VaultConfig } from './vaultConfig';

/** The list as the user wrote it (entries kept verbatim, unknown fields included). */
export function vaultEntries(): Record<string, unknown>[] {
  const list = vscode.workspace.getConfiguration(SECTION).inspect<unknown>('vaults')?.globalValue;
  return Array.isArray(list) ? list.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object') : [];
}

export async function writeVaultEntries(entries: readonly Record<string, unknown>[]): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('vaults', entries.length > 0 ? entries : undefined, vscode.ConfigurationTarget.Global);
}

/** Writes a vault's address, user and method where it is defined: its list entry, or the single-vault settings. */
export async function saveConnection(vault: VaultConfig, answers: { url: string; username: string; method: AuthMethod }): Promise<void> {
  if (vault.inList) {
    const entries = vaultEntries().map((e) =>
      typeof e.name === 'string' && e.name.trim().toLowerCase() === vault.name.toLowerCase() ? { ...e, url: answers.url, username: answers.username, authMethod: answers.method } : e,
    );
    await writeVaultEntries(entries);
    return;
  }
  const c = vscode.workspace.getConfiguration(SECTION);
  await c.update('url', answers.url, vscode.ConfigurationTarget.Global);
  await c.update('username', answers.username, vscode.ConfigurationTarget.Global);
  await c.update('authMethod', answers.method, vscode.ConfigurationTarget.Global);
}
