import * as vscode from 'vscode';
import { onFirstUse } from '../startup/loadOnFirstUse';
import { JSON_LANGUAGES, PtaDocuments } from './ptaDocuments';

/** Hovers on PTA events documents: times, type, score, status and close reason explained. Text only: never trusted Markdown. */
export function registerEventHovers(documents: PtaDocuments, now: () => number = Date.now): vscode.Disposable {
  return vscode.languages.registerHoverProvider(JSON_LANGUAGES, {
    provideHover(document, position) {
      if (!documents.includes(document)) return undefined;
      const { jsonScalarAt, eventHoverMarkdown } = onFirstUse();
      const scalar = jsonScalarAt(document.getText(), document.offsetAt(position));
      const text = scalar && eventHoverMarkdown(scalar.path, scalar.value, now());
      if (!scalar || !text) return undefined;
      const markdown = new vscode.MarkdownString(text);
      markdown.isTrusted = false;
      markdown.supportHtml = false;
      markdown.supportThemeIcons = false;
      return new vscode.Hover(markdown, new vscode.Range(document.positionAt(scalar.offset), document.positionAt(scalar.offset + scalar.length)));
    },
  });
}
