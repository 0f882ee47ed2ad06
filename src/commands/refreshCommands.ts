import * as vscode from 'vscode';
import { describeError } from '../api/errors';
import { EventStatus } from '../model/ptaEvent';
import { Services } from '../services';
import { inertNotification } from '../util/inertText';

export function registerRefreshCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('cyberarkPta.refresh', () => refresh(services, false)),
    vscode.commands.registerCommand('cyberarkPta.reload', () => refresh(services, true)),
    vscode.commands.registerCommand('cyberarkPta.showMore', (status: unknown) => {
      if (status === 'OPEN' || status === 'CLOSED') services.tree.showMore(status as EventStatus);
    }),
  ];
}

async function refresh(services: Services, full: boolean): Promise<void> {
  if (!services.session.isSignedIn) {
    void vscode.window.showInformationMessage('Sign in to the PVWA first.', 'Sign In').then((choice) => {
      if (choice) void vscode.commands.executeCommand('cyberarkPta.signIn');
    });
    return;
  }
  try {
    await services.refresh.refresh({ full, rethrow: true });
  } catch (error) {
    const stale = services.refresh.current.lastSuccess ? ' The last good list is still shown.' : '';
    void vscode.window.showErrorMessage(inertNotification(`Refreshing PTA events failed: ${describeError(error)}${stale}`));
  }
}
