import * as vscode from 'vscode';
import * as inertWindow from '../ui/inertWindow';
import { FileFormatError, parseEventFile } from './eventFileParser';
import { isPtaEventsUri, PtaDocuments } from './ptaDocuments';

/** What opening a file did, returned to callers (scripts, tests) as well as shown. */
export type OpenOutcome =
  | { readonly ok: true; readonly sourceId: string; readonly loaded: number; readonly skipped: number }
  | { readonly ok: false; readonly message: string };

export interface FileCommandDeps {
  readonly documents: PtaDocuments;
  /**
   * Adds a file source for `uri`, or reloads the one already open, and reveals it. `text` is the
   * editor's content when it differs from what is saved (an unsaved or untitled document).
   * Undefined when there was nothing to open.
   */
  openSource(uri: vscode.Uri, text?: string): Promise<OpenOutcome | undefined>;
}

/** Open Events from File… (given a file by a menu of the explorer or an editor, or finding one) and Treat as PTA Events. */
export function registerFileCommands(deps: FileCommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('cyberarkPta.openEventsFile', (arg?: unknown) => (arg instanceof vscode.Uri ? deps.openSource(arg) : openEventsFile(deps))),
    vscode.commands.registerCommand('cyberarkPta.treatAsPtaEvents', () => treatAsPtaEvents(deps.documents)),
  );
}

/** The active JSON editor's document when it holds events; otherwise a file the user picks. */
async function openEventsFile(deps: FileCommandDeps): Promise<OpenOutcome | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (document && isJson(document) && holdsEvents(document.getText())) {
    return deps.openSource(document.uri, document.isDirty || document.isUntitled ? document.getText() : undefined);
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Open Events',
    title: 'Open PTA Events from File',
    filters: { 'PTA events': ['json', 'jsonl', 'ndjson', 'txt'], 'All files': ['*'] },
  });
  if (!picked?.[0]) return undefined;
  return deps.openSource(picked[0]);
}

async function treatAsPtaEvents(documents: PtaDocuments): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !isJson(document)) {
    void inertWindow.showInformationMessage('Treat as PTA Events works on a JSON editor: open the events first.');
    return;
  }
  documents.choose(document);
  if (!isPtaEventsUri(document.uri)) {
    void inertWindow.showInformationMessage(
      'Times, types, scores and statuses in this document now explain themselves on hover. For validation against the PTA events schema, name the file *.pta.json.',
    );
  }
}

function isJson(document: vscode.TextDocument): boolean {
  return document.languageId === 'json' || document.languageId === 'jsonc';
}

function holdsEvents(text: string): boolean {
  try {
    parseEventFile(text);
    return true;
  } catch (error) {
    if (error instanceof FileFormatError) return false;
    throw error;
  }
}
