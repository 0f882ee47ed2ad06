import * as vscode from 'vscode';
import type { FoundEvent } from '../sources/eventLookup';
import { displayText } from '../model/format';
import { inertQuickPick } from '../util/inertText';
import { eventObjects } from './jsonPositions';
import { JSON_LANGUAGES, PtaDocuments } from './ptaDocuments';

/** Which loaded event an id in a document is, and whether it may be closed from here (a signed-in vault's open event, in that vault's document). */
export type EventLookup = (document: vscode.TextDocument, eventId: string) => FoundEvent | undefined;

/** More lenses than this are noise, and finding them in a huge document costs a full scan each time it changes. */
const MAX_EVENTS_WITH_LENSES = 2_000;

/** Show Details and Close… above each event of a PTA events document that a source holds, each naming that source. Commands get an EventRef. */
export function registerEventCodeLens(documents: PtaDocuments, lookup: EventLookup, onDidChangeEvents: vscode.Event<unknown>): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      if (!documents.includes(document)) return [];
      const lenses: vscode.CodeLens[] = [];
      for (const { id, offset } of eventObjects(document.getText(), MAX_EVENTS_WITH_LENSES)) {
        const found = lookup(document, id);
        if (!found) continue;
        const range = new vscode.Range(document.positionAt(offset), document.positionAt(offset));
        // A lens title shows $(icon) syntax: the source's name is the analyst's, but kept inert anyway.
        const source = inertQuickPick(displayText(found.sourceLabel, 40));
        lenses.push(new vscode.CodeLens(range, { title: `Show Details (${source})`, command: 'cyberarkPta.showEventDetails', arguments: [found.ref] }));
        if (found.canClose) lenses.push(new vscode.CodeLens(range, { title: `Close in ${source}…`, command: 'cyberarkPta.closeEvent', arguments: [found.ref] }));
      }
      return lenses;
    },
  };
  return vscode.Disposable.from(
    changed,
    documents.onDidChange(() => changed.fire()),
    onDidChangeEvents(() => changed.fire()),
    vscode.languages.registerCodeLensProvider(JSON_LANGUAGES, provider),
  );
}
