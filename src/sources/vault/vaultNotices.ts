import * as vscode from 'vscode';
import { describeError } from '../../api/errors';
import { displayText } from '../../model/format';
import * as inertWindow from '../../ui/inertWindow';
import type { VaultSource } from './vaultSource';

/** The connection news of a vault, told once: a failure streak, its end, a refused renewal. */
export interface VaultNotices {
  refreshFailing(vault: VaultSource, error: string): void;
  refreshRecovered(vault: VaultSource): void;
  renewalRefused(vault: VaultSource, error: unknown): void;
}

export const vaultNotices: VaultNotices = {
  refreshFailing(vault, error) {
    void inertWindow
      .showWarningMessage(`Refreshing ${displayText(vault.label, 60)} failed: ${error} The last good list stays shown; retrying with growing pauses.`, 'Retry Now')
      .then((choice) => {
        if (choice) void vscode.commands.executeCommand('cyberarkPta.refresh', { sourceId: vault.id });
      });
  },
  refreshRecovered(vault) {
    inertWindow.setStatusBarMessage(`${displayText(vault.label, 60)}: PTA events are up to date again`, 5000, 'check');
  },
  renewalRefused(vault, error) {
    void inertWindow
      .showErrorMessage(
        `${displayText(vault.label, 60)}: the vault refused to renew the session: ${describeError(error)} The stored password was forgotten and will not be sent again. Sign in again.`,
        'Sign In',
      )
      .then((choice) => {
        if (choice) void vscode.commands.executeCommand('cyberarkPta.signIn', { sourceId: vault.id });
      });
  },
};
