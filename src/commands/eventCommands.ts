import * as vscode from 'vscode';
import { RawJsonDocuments } from '../details/rawJsonDocuments';
import { prettyJson } from '../details/eventViewModel';
import { pvwaEventPage } from '../api/pvwaLinks';
import { Services } from '../services';
import { eventName, targetEvents } from './eventTargets';
import { inertStatusBar } from '../util/inertText';
import { displayText } from '../model/format';

export function registerEventCommands(services: Services): vscode.Disposable[] {
  const one = async (arg: unknown, placeHolder: string) =>
    (await targetEvents(services, arg, undefined, { placeHolder, allowMany: false }))[0];

  return [
    vscode.commands.registerCommand('cyberarkPta.showEventDetails', async (arg: unknown) => {
      const event = await one(arg, 'Show the details of which event?');
      if (event) services.panels.show(event.id);
    }),
    vscode.commands.registerCommand('cyberarkPta.openRawJson', async (arg: unknown) => {
      const event = await one(arg, 'Open which event as JSON?');
      if (!event) return;
      const doc = await vscode.workspace.openTextDocument(RawJsonDocuments.uriFor(event.id));
      await vscode.languages.setTextDocumentLanguage(doc, 'json');
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
    vscode.commands.registerCommand('cyberarkPta.copyEventId', async (arg: unknown) => {
      const event = await one(arg, 'Copy the ID of which event?');
      if (!event) return;
      await vscode.env.clipboard.writeText(event.id);
      vscode.window.setStatusBarMessage(inertStatusBar(`Copied event ID ${displayText(event.id, 60)}`), 3000);
    }),
    vscode.commands.registerCommand('cyberarkPta.copyAsJson', async (arg: unknown) => {
      const event = await one(arg, 'Copy which event as JSON?');
      if (!event) return;
      await vscode.env.clipboard.writeText(prettyJson(event.raw));
      vscode.window.setStatusBarMessage(inertStatusBar(`Copied ${eventName(event)} as JSON`), 3000);
    }),
    vscode.commands.registerCommand('cyberarkPta.openInPvwa', async (arg: unknown) => {
      const event = await one(arg, 'Open which event in the PVWA?');
      const address = services.session.target?.address;
      if (!event || !address) return;
      await vscode.env.openExternal(vscode.Uri.parse(pvwaEventPage(address, event.id)));
    }),
  ];
}
