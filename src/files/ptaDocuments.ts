import * as vscode from 'vscode';
import { RAW_JSON_SCHEME } from '../details/rawJsonDocuments';

export const PTA_EVENTS_FILE_SUFFIX = '.pta.json';

/**
 * Which open JSON documents hold PTA events: the extension's own raw JSON documents, files named
 * `*.pta.json` (both also validated through package.json's jsonValidation), and documents the
 * user chose with Treat as PTA Events for this session.
 */
export class PtaDocuments implements vscode.Disposable {
  private readonly chosen = new Set<string>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly closeListener = vscode.workspace.onDidCloseTextDocument((document) => {
    if (this.chosen.delete(document.uri.toString())) this.changeEmitter.fire();
  });

  includes(document: vscode.TextDocument): boolean {
    return isPtaEventsUri(document.uri) || this.chosen.has(document.uri.toString());
  }

  choose(document: vscode.TextDocument): void {
    this.chosen.add(document.uri.toString());
    this.changeEmitter.fire();
  }

  dispose(): void {
    this.closeListener.dispose();
    this.changeEmitter.dispose();
  }
}

/** The documents jsonValidation already gives the schema to. */
export function isPtaEventsUri(uri: vscode.Uri): boolean {
  return uri.scheme === RAW_JSON_SCHEME || uri.path.toLowerCase().endsWith(PTA_EVENTS_FILE_SUFFIX);
}

export const JSON_LANGUAGES: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }];
