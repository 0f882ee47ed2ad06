import * as vscode from 'vscode';
import { onFirstUse } from './loadOnFirstUse';
import type * as OnFirstUse from './onFirstUse';

/**
 * The commands whose code loads on first use (onFirstUse.ts). Every one is in package.json; the
 * host tests check that each is registered right after activation and again once the code is loaded.
 */
export const COMMANDS_ON_FIRST_USE: readonly string[] = [
  'cyberarkPta.signIn',
  'cyberarkPta.signOut',
  'cyberarkPta.addVault',
  'cyberarkPta.editVault',
  'cyberarkPta.removeVault',
  'cyberarkPta.refresh',
  'cyberarkPta.reload',
  'cyberarkPta.reloadFile',
  'cyberarkPta.showMore',
  'cyberarkPta.closeEvent',
  'cyberarkPta.reopenEvent',
  'cyberarkPta.closeAllMatching',
  'cyberarkPta.undoLastTriage',
  'cyberarkPta.closeSameWay',
  'cyberarkPta.exportEvents',
  'cyberarkPta.copyAsMarkdown',
  'cyberarkPta.filterToEntity',
  'cyberarkPta.loadAccountHistory',
  'cyberarkPta.filterEvents',
  'cyberarkPta.filterByText',
  'cyberarkPta.clearFilter',
  'cyberarkPta.sortByScore',
  'cyberarkPta.sortByUpdate',
  'cyberarkPta.showEventsForAccount',
  'cyberarkPta.openFromAlert',
  'cyberarkPta.respond',
  'cyberarkPta.terminateSession',
  'cyberarkPta.suspendSession',
  'cyberarkPta.resumeSession',
  'cyberarkPta.changeCredentials',
  'cyberarkPta.verifyCredentials',
  'cyberarkPta.reconcileCredentials',
  'cyberarkPta.suspendVaultUser',
  'cyberarkPta.activateVaultUser',
  'cyberarkPta.openEventsFile',
  'cyberarkPta.treatAsPtaEvents',
  'cyberarkPta.closeSource',
  'cyberarkPta.compareEvents',
];

/**
 * Registers a stand-in for each of the commands; the first run of any of them loads their code,
 * puts the real commands in the stand-ins' place, and runs the one asked for with its arguments.
 */
export function registerCommandsOnFirstUse(register: (code: typeof OnFirstUse) => vscode.Disposable[]): vscode.Disposable {
  let real: vscode.Disposable[] | undefined;
  const registerStandIn = (id: string) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => {
      if (!real) {
        const code = onFirstUse();
        standIns.forEach((standIn) => standIn.dispose());
        real = register(code);
      }
      return vscode.commands.executeCommand(id, ...args);
    });
  const standIns = COMMANDS_ON_FIRST_USE.map(registerStandIn);
  return new vscode.Disposable(() => [...standIns, ...(real ?? [])].forEach((d) => d.dispose()));
}
