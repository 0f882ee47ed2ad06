import * as vscode from 'vscode';
import { parseVaultAddress } from '../api/baseUrl';
import { displayText } from '../model/format';
import { VaultSource } from '../sources/vault/vaultSource';
import { saveConnection, vaultEntries, writeVaultEntries } from '../sources/vault/vaultSettings';
import { Services } from '../services';
import * as inertWindow from '../ui/inertWindow';
import { askConnection } from './vaultPrompts';

/** Add Vault…, Edit Vault…, Remove Vault…: the `cyberarkPta.vaults` setting written for the user. */
export function registerVaultCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('cyberarkPta.addVault', () => addVault(services)),
    vscode.commands.registerCommand('cyberarkPta.editVault', (arg?: unknown) => editVault(services, arg)),
    vscode.commands.registerCommand('cyberarkPta.removeVault', (arg?: unknown) => removeVault(services, arg)),
  ];
}

/** Resolves the new vault's name, or undefined when cancelled. */
export async function addVault(services: Services): Promise<string | undefined> {
  const title = 'Add a CyberArk Vault';
  const entries = vaultEntries();
  const taken = new Set(entries.map((e) => String(e.name ?? '').trim().toLowerCase()));
  // The vault of the single-vault settings joins the list first, so adding a second one loses nothing.
  const single = entries.length === 0 ? services.vaults.all().find((v) => !v.config.inList && v.config.address && v.config.username) : undefined;
  if (single) taken.add(single.config.name.toLowerCase());
  const name = await vscode.window.showInputBox({
    title,
    prompt: 'A short name for this vault, shown in the Events view (for example Prod, DR or Lab).',
    ignoreFocusOut: true,
    validateInput: (v) => (!v.trim() ? 'Enter a name.' : taken.has(v.trim().toLowerCase()) ? 'Another vault already has this name.' : undefined),
  });
  if (!name?.trim()) return undefined;
  const answers = await askConnection(title, {}, false);
  if (!answers) return undefined;
  const added = { name: name.trim(), url: answers.url, username: answers.username, authMethod: answers.method };
  const kept = single?.config.address
    ? [{ name: single.config.name, url: single.config.address.appUrl, username: single.config.username, authMethod: single.config.authMethod ?? 'CyberArk' }]
    : [];
  // Moving the single vault into the list makes it a new source: its session cannot follow, so it is renewed, never dropped unsaid.
  const wasSignedIn = !!single?.session.isSignedIn;
  if (wasSignedIn && !(await confirmMove(kept[0].name, added.name))) return undefined;
  await writeVaultEntries([...kept, ...entries, added]);
  await services.vaults.sync();
  if (kept.length > 0) {
    void inertWindow.showInformationMessage(`Your vault ${displayText(kept[0].name, 60)} is now in cyberarkPta.vaults beside ${displayText(added.name, 60)}.`);
    if (wasSignedIn) await vscode.commands.executeCommand('cyberarkPta.signIn', { sourceId: `vault:${kept[0].name.toLowerCase()}` });
  }
  return added.name;
}

async function confirmMove(singleName: string, addedName: string): Promise<boolean> {
  const proceed = 'Add and Sign In Again';
  const answer = await inertWindow.showWarningMessage(
    `Adding ${displayText(addedName, 60)} moves ${displayText(singleName, 60)} into cyberarkPta.vaults, and you are signed in to it.`,
    { modal: true, detail: `Its session ends with the move and is signed in again right after (with the stored password, or you are asked for it). Cancel to stay signed in and add nothing.` },
    proceed,
  );
  return answer === proceed;
}

async function editVault(services: Services, arg: unknown): Promise<void> {
  const vault = await pickVault(services, arg, 'Edit which vault?', () => true);
  if (!vault) return;
  const { address, username, authMethod } = vault.config;
  const answers = await askConnection(`Edit ${displayText(vault.label, 60)}`, { url: address?.appUrl, username, method: authMethod }, false);
  if (!answers) return;
  await saveConnection(vault.config, answers);
  await services.vaults.sync();
}

async function removeVault(services: Services, arg: unknown): Promise<void> {
  const vault = await pickVault(services, arg, 'Remove which vault?', (v) => v.config.inList);
  if (!vault) return;
  const remove = 'Remove Vault';
  const answer = await inertWindow.showWarningMessage(
    `Remove ${displayText(vault.label, 60)} from cyberarkPta.vaults?`,
    { modal: true, detail: vault.session.isSignedIn ? 'You are signed out of it first. Its stored password stays in the keyring until you sign out and forget it.' : 'Its stored password stays in the keyring.' },
    remove,
  );
  if (answer !== remove) return;
  await writeVaultEntries(vaultEntries().filter((e) => String(e.name ?? '').trim().toLowerCase() !== vault.config.name.toLowerCase()));
  await services.vaults.sync();
}

async function pickVault(services: Services, arg: unknown, placeHolder: string, eligible: (v: VaultSource) => boolean): Promise<VaultSource | undefined> {
  const sourceId = (arg as { sourceId?: unknown } | undefined)?.sourceId;
  if (typeof sourceId === 'string') return services.vaults.get(sourceId);
  const candidates = services.vaults.all().filter(eligible);
  if (candidates.length === 0) {
    void inertWindow.showInformationMessage('No vault is listed in cyberarkPta.vaults. Add one with Add Vault….');
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((vault) => ({ label: displayText(vault.label, 60), description: vault.config.address ? displayText(parseVaultAddress(vault.config.address.appUrl).hostname, 80) : '', vault })),
    { placeHolder },
  );
  return picked?.vault;
}
