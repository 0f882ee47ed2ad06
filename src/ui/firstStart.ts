import * as vscode from 'vscode';
import { STORAGE_KEYS } from '../storageKeys';

export const WALKTHROUGH_ID = 'cyberarkPta.gettingStarted';

/**
 * VS Code opens an extension's walkthrough when it is installed, but not for an extension loaded
 * from its working tree (the demo, `npm start`): there, the first start opens it instead.
 */
export function openWalkthroughOnFirstStart(context: vscode.ExtensionContext): void {
  if (context.extensionMode !== vscode.ExtensionMode.Development || context.globalState.get<boolean>(STORAGE_KEYS.walkthroughOpened)) return;
  void context.globalState.update(STORAGE_KEYS.walkthroughOpened, true);
  void vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false);
}
