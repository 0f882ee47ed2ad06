import * as vscode from 'vscode';
import { displayText } from '../model/format';
import { normaliseForCompare } from './compareNormalise';

export const COMPARE_SCHEME = 'cyberarkpta-compare';

/** One side of a comparison: an event's raw JSON and what to call it. */
export interface CompareSide {
  readonly label: string;
  readonly raw: unknown;
}

/** Read-only documents holding normalised event JSON for the diff editor; each is dropped when closed. */
export class CompareDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private next = 0;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(COMPARE_SCHEME, this);
  private readonly closeListener = vscode.workspace.onDidCloseTextDocument((document) => {
    if (document.uri.scheme === COMPARE_SCHEME) this.contents.delete(document.uri.toString());
  });

  /** A new document for `text`, named after `label` (the name shows in the editor's title). */
  add(label: string, text: string): vscode.Uri {
    const name = label.replace(/[^\w.-]+/g, '-').slice(0, 60) || 'event';
    const uri = vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${++this.next}/${name}.jsonc` });
    this.contents.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '// This comparison was closed. Compare the events again.\n';
  }

  dispose(): void {
    this.registration.dispose();
    this.closeListener.dispose();
    this.contents.clear();
  }
}

/** Opens VS Code's diff editor on two events, normalised so that only meaningful differences show. */
export async function compareEvents(documents: CompareDocuments, left: CompareSide, right: CompareSide): Promise<void> {
  const leftUri = documents.add(left.label, normaliseForCompare(left.raw));
  const rightUri = documents.add(right.label, normaliseForCompare(right.raw));
  await vscode.commands.executeCommand('vscode.diff', leftUri, rightUri, `${displayText(left.label, 60)} ↔ ${displayText(right.label, 60)}`, { preview: true });
}
