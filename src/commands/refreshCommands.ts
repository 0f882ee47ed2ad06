import * as vscode from 'vscode';
import { describeError } from '../api/errors';
import { EventSource } from '../sources/eventSource';
import { VaultSource } from '../sources/vault/vaultSource';
import { Services } from '../services';
import { inertNotification } from '../util/inertText';

export function registerRefreshCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('cyberarkPta.refresh', (arg?: unknown) => refresh(services, arg, false)),
    vscode.commands.registerCommand('cyberarkPta.reload', (arg?: unknown) => refresh(services, arg, true)),
    vscode.commands.registerCommand('cyberarkPta.showMore', (arg: unknown) => {
      const { sourceId, status } = (arg ?? {}) as { sourceId?: unknown; status?: unknown };
      if (typeof sourceId === 'string' && (status === 'OPEN' || status === 'CLOSED')) services.tree.showMore(sourceId, status);
    }),
  ];
}

/** The source given (a vault node's menu, a Retry row), else every signed-in vault. */
function sourcesToRefresh(services: Services, arg: unknown): VaultSource[] {
  const sourceId = (arg as { sourceId?: unknown } | undefined)?.sourceId;
  const signedIn = services.vaults.all().filter((v) => v.session.isSignedIn);
  return typeof sourceId === 'string' ? signedIn.filter((v) => v.id === sourceId) : signedIn;
}

async function refresh(services: Services, arg: unknown, full: boolean): Promise<void> {
  const vaults = sourcesToRefresh(services, arg);
  if (vaults.length === 0) {
    void vscode.window.showInformationMessage('Sign in to the PVWA first.', 'Sign In').then((choice) => {
      if (choice) void vscode.commands.executeCommand('cyberarkPta.signIn', arg);
    });
    return;
  }
  await Promise.all(
    vaults.map(async (vault) => {
      try {
        await vault.refresh.refresh({ full, rethrow: true });
      } catch (error) {
        const stale = vault.refresh.current.lastSuccess ? ' The last good list is still shown.' : '';
        void vscode.window.showErrorMessage(inertNotification(`Refreshing PTA events${where(services, vault)} failed: ${describeError(error)}${stale}`));
      }
    }),
  );
}

function where(services: Services, source: EventSource): string {
  return services.vaults.all().length > 1 ? ` of ${source.label}` : '';
}
