import * as vscode from 'vscode';
import { refOf } from '../details/rawJsonDocuments';
import { lookupEvent } from '../sources/eventLookup';
import { EventSources } from '../sources/eventSources';
import { fileSourceId } from '../sources/fileSource';
import { registerEventCodeLens } from './eventCodeLensProvider';
import { PtaDocuments } from './ptaDocuments';

/**
 * Show Details and Close… above the events of PTA events documents, for events a source holds:
 * only the document's own source's (a raw JSON document's, or the file source opened from the
 * document) when it has one, else the one source holding the id (see lookupEvent). The lenses
 * follow every change of the sources and their events.
 */
export function registerDocumentEventLenses(documents: PtaDocuments, sources: EventSources): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const fire = () => changed.fire();
  const listeners = [sources.onDidChangeSources(fire), sources.onDidChangeState(fire), sources.onDidChangeEvents(fire)];
  const lookup = (document: vscode.TextDocument, eventId: string) =>
    lookupEvent(sources, eventId, refOf(document.uri)?.sourceId ?? fileSourceId(document.uri));
  return vscode.Disposable.from(
    registerEventCodeLens(documents, lookup, changed.event),
    changed,
    { dispose: () => listeners.forEach((l) => l.dispose()) },
  );
}
