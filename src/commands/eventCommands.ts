import * as vscode from 'vscode';
import { pvwaEventPage } from '../api/pvwaLinks';
import { prettyJson } from '../details/eventViewModel';
import { RawJsonDocuments } from '../details/rawJsonDocuments';
import { displayText } from '../model/format';
import { EventRef, isEventRef, refKey } from '../sources/eventSource';
import { VaultSource } from '../sources/vault/vaultSource';
import { Services } from '../services';
import * as inertWindow from '../ui/inertWindow';
import { eventName, targetEvents } from './eventTargets';

/** Two clicks on the same row within this many milliseconds are a double click: the panel is pinned. */
const DOUBLE_CLICK_MS = 500;

export function registerEventCommands(services: Services): vscode.Disposable[] {
  const one = async (arg: unknown, placeHolder: string, needs?: 'openInPvwa') =>
    (await targetEvents(services, arg, undefined, { placeHolder, allowMany: false, needs }))[0];
  let lastPreview: { key: string; at: number } | undefined;

  const preview = (ref: EventRef) => {
    const key = refKey(ref);
    const now = Date.now();
    const doubleClick = lastPreview?.key === key && now - lastPreview.at < DOUBLE_CLICK_MS;
    lastPreview = { key, at: now };
    services.panels.show(ref, { preview: !doubleClick });
  };

  return [
    // A single click or an arrow key previews in one reused panel and leaves the focus in the tree.
    services.treeView.onDidChangeSelection((e) => {
      const single = e.selection.length === 1 && e.selection[0].kind === 'event' ? e.selection[0] : undefined;
      void vscode.commands.executeCommand('setContext', 'cyberarkPta.eventSelected', !!single);
      if (single) services.panels.show({ sourceId: single.sourceId, eventId: single.eventId }, { preview: true });
    }),
    vscode.commands.registerCommand('cyberarkPta.showEventDetails', async (arg: unknown) => {
      if (isEventRef(arg) && (arg as { preview?: unknown }).preview === true) {
        preview(arg);
        return;
      }
      const found = await one(arg, 'Show the details of which event?');
      if (found) services.panels.show({ sourceId: found.source.id, eventId: found.event.id });
    }),
    // Enter on an event row (a keybinding): the selected event's panel, pinned and focused.
    vscode.commands.registerCommand('cyberarkPta.pinEventDetails', () => {
      const [node] = services.treeView.selection;
      if (node?.kind === 'event') services.panels.show({ sourceId: node.sourceId, eventId: node.eventId });
    }),
    vscode.commands.registerCommand('cyberarkPta.openRawJson', async (arg: unknown) => {
      const found = await one(arg, 'Open which event as JSON?');
      if (!found) return;
      const doc = await vscode.workspace.openTextDocument(RawJsonDocuments.uriFor({ sourceId: found.source.id, eventId: found.event.id }, found.event));
      await vscode.languages.setTextDocumentLanguage(doc, 'json');
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
    vscode.commands.registerCommand('cyberarkPta.copyEventId', async (arg: unknown) => {
      const found = await one(arg, 'Copy the ID of which event?');
      if (!found) return;
      await vscode.env.clipboard.writeText(found.event.id);
      inertWindow.setStatusBarMessage(`Copied event ID ${displayText(found.event.id, 60)}`, 3000);
    }),
    vscode.commands.registerCommand('cyberarkPta.copyAsJson', async (arg: unknown) => {
      const found = await one(arg, 'Copy which event as JSON?');
      if (!found) return;
      await vscode.env.clipboard.writeText(prettyJson(found.event.raw));
      inertWindow.setStatusBarMessage(`Copied ${eventName(found.event)} as JSON`, 3000);
    }),
    vscode.commands.registerCommand('cyberarkPta.openInPvwa', async (arg: unknown) => {
      const found = await one(arg, 'Open which event in the PVWA?', 'openInPvwa');
      const address = found?.source instanceof VaultSource ? found.source.target?.address : undefined;
      if (!found || !address) return;
      await vscode.env.openExternal(vscode.Uri.parse(pvwaEventPage(address, found.event.id)));
    }),
  ];
}
