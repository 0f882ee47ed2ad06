import * as vscode from 'vscode';
import { FileFormatError, parseEventFile } from './eventFileParser';
import { isPtaEventsUri, PtaDocuments } from './ptaDocuments';

export interface FileCommandDeps {
  readonly documents: PtaDocuments;
  /**
   * Adds a file source for `uri`, or reloads the one already open, and reveals it. `text` is the
   * editor's content when it differs from what is saved (an unsaved or untitled document).
   */
  openSource(uri: vscode.Uri, text?: string): Promise<void>;
}

/** Open Events from File… and Treat as PTA Events. */
export function registerFileCommands(deps: FileCommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('cyberarkPta.openEventsFile', () => openEventsFile(deps)),
    vscode.commands.registerCommand('cyberarkPta.treatAsPtaEvents', () => treatAsPtaEvents(deps.documents)),
  );
}

/** The active JSON editor's document when it holds events; otherwise a file the user picks. */
async function openEventsFile(deps: FileCommandDeps): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (document && isJson(document) && holdsEvents(document.getText())) {
    await deps.openSource(document.uri, document.isDirty || document.isUntitled ? document.getText() : undefined);
    return;
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Open Events',
    title: 'Open PTA Events from File',
    filters: { 'PTA events': ['json', 'jsonl', 'ndjson', 'txt'], 'All files': ['*'] },
  });
  if (!picked?.[0]) return;
  await deps.openSource(picked[0]);
}

async function treatAsPtaEvents(documents: PtaDocuments): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !isJson(document)) {
    void vscode.window.showInformationMessage('Treat as PTA Events works on a JSON editor: open the events first.');
    return;
  }
  documents.choose(document);
  if (!isPtaEventsUri(document.uri)) {
    void vscode.window.showInformationMessage(
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
