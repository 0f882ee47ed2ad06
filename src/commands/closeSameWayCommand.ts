import * as vscode from 'vscode';
import { triageMemory } from '../derived/triageMemory';
import { Services } from '../services';
import * as inertWindow from '../ui/inertWindow';
import { targetEvents } from './eventTargets';

/**
 * Close the Same Way: the normal close flow, its reason step showing the reason of the event's
 * closed look-alikes chosen and its text step their text prefilled; the analyst keeps or changes
 * each with Enter, and nothing is sent before.
 */
export function registerCloseSameWay(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('cyberarkPta.closeSameWay', async (arg: unknown) => {
      const [found] = await targetEvents(services, arg, undefined, { status: 'OPEN', needs: 'triage', allowMany: false, placeHolder: 'Close which open event the same way as before?' });
      if (!found) return undefined;
      const index = services.indexes.of(found.source.id);
      const memory = index && triageMemory(index.lookAlikes(found.event.id), Date.now(), found.event.score);
      if (!memory?.suggestion) {
        void inertWindow.showInformationMessage('No closed look-alike of this event (same type, a shared account, user or host) gives a reason to reuse.');
        return undefined;
      }
      return vscode.commands.executeCommand('cyberarkPta.closeEvent', {
        eventIds: [found.event.id],
        sourceId: found.source.id,
        reason: memory.suggestion.reason,
        text: memory.suggestion.text,
        confirm: true,
        because: 'as its look-alikes were closed',
      });
    }),
  ];
}
