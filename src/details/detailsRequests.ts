import * as vscode from 'vscode';
import { EventRef } from '../sources/eventSource';
import { DetailsAction } from './detailsMessages';
import { DetailsRequest } from './eventDetailsPanels';

const ACTION_COMMANDS: Record<DetailsAction, string> = {
  close: 'cyberarkPta.closeEvent',
  reopen: 'cyberarkPta.reopenEvent',
  openInPvwa: 'cyberarkPta.openInPvwa',
  copyId: 'cyberarkPta.copyEventId',
  openRawJson: 'cyberarkPta.openRawJson',
  closeSameWay: 'cyberarkPta.closeSameWay',
};

/** A details panel's request, as the command that does it: the same path as the tree's menus. */
export function runDetailsRequest(request: DetailsRequest, ref: EventRef): void {
  switch (request.kind) {
    case 'action':
      void vscode.commands.executeCommand(ACTION_COMMANDS[request.action], ref);
      return;
    case 'filterEntity':
      void vscode.commands.executeCommand('cyberarkPta.filterToEntity', { sourceId: ref.sourceId, key: request.key });
      return;
    case 'loadHistory':
      void vscode.commands.executeCommand('cyberarkPta.loadAccountHistory', { sourceId: ref.sourceId, key: request.key });
      return;
    case 'openEvent':
      // Pinned: the panel the analyst came from stays open beside it.
      void vscode.commands.executeCommand('cyberarkPta.showEventDetails', { sourceId: ref.sourceId, eventId: request.eventId });
      return;
  }
}
