import * as vscode from 'vscode';
import { describeError } from '../api/errors';
import { EventSource } from '../sources/eventSource';
import { FileSource } from '../sources/fileSource';
import { VaultSource } from '../sources/vault/vaultSource';
import { Services } from '../services';
import * as inertWindow from '../ui/inertWindow';
import { reloadFileSource } from './fileSourceCommands';

export function registerRefreshCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('cyberarkPta.refresh', (arg?: unknown) => refresh(services, arg, false)),
    vscode.commands.registerCommand('cyberarkPta.reload', (arg?: unknown) => refresh(services, arg, true)),
    // A file node's own action: the same as Refresh on it, under a name that says what it does.
    vscode.commands.registerCommand('cyberarkPta.reloadFile', (arg?: unknown) => refresh(services, arg, false)),
    vscode.commands.registerCommand('cyberarkPta.showMore', (arg: unknown) => {
      const { sourceId, status } = (arg ?? {}) as { sourceId?: unknown; status?: unknown };
      if (typeof sourceId === 'string' && (status === 'OPEN' || status === 'CLOSED')) services.tree.showMore(sourceId, status);
    }),
  ];
}

/** The source given (a vault's or a file's node menu, a Retry row), else every signed-in vault and every file. */
function sourcesToRefresh(services: Services, arg: unknown): { vaults: VaultSource[]; files: FileSource[] } {
  const sourceId = (arg as { sourceId?: unknown } | undefined)?.sourceId;
  const given = (s: EventSource) => typeof sourceId !== 'string' || s.id === sourceId;
  return {
    vaults: services.vaults.all().filter((v) => v.session.isSignedIn && given(v)),
    files: services.sources.all().filter((s): s is FileSource => s instanceof FileSource && given(s)),
  };
}

async function refresh(services: Services, arg: unknown, full: boolean): Promise<void> {
  const { vaults, files } = sourcesToRefresh(services, arg);
  if (vaults.length === 0 && files.length === 0) {
    void inertWindow.showInformationMessage('Sign in to the PVWA first.', 'Sign In').then((choice) => {
      if (choice) void vscode.commands.executeCommand('cyberarkPta.signIn', arg);
    });
    return;
  }
  // The analyst asked for the list as it is now: events triaged here take their new places.
  for (const source of [...vaults, ...files]) services.view.releasePlaces(source.id);
  await Promise.all([
    ...vaults.map(async (vault) => {
      try {
        await vault.refresh.refresh({ full, rethrow: true });
      } catch (error) {
        const stale = vault.refresh.current.lastSuccess ? ' The last good list is still shown.' : '';
        void inertWindow.showErrorMessage(`Refreshing PTA events${where(services, vault)} failed: ${describeError(error)}${stale}`);
      }
    }),
    ...files.map((file) => reloadFileSource(services, file)),
  ]);
}

function where(services: Services, source: EventSource): string {
  return services.vaults.all().length > 1 ? ` of ${source.label}` : '';
}
