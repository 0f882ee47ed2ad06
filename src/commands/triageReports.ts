import * as vscode from 'vscode';

export const TRIAGE_REPORT_SCHEME = 'cyberarkpta-report';

/** How many reports stay readable; an older one's tab says it is gone. */
const KEEP = 20;

/**
 * The reports of bulk closes and reopens as read-only Markdown documents: a document of this
 * scheme cannot be edited, so closing its tab never asks to save it.
 */
export class TriageReports implements vscode.TextDocumentContentProvider {
  private readonly reports = new Map<string, string>();
  private opened = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.reports.get(uri.toString()) ?? '# This report is no longer available\n';
  }

  async open(title: string, markdown: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: TRIAGE_REPORT_SCHEME, path: `/${title} ${++this.opened}.md` });
    this.reports.set(uri.toString(), markdown);
    for (const key of this.reports.keys()) {
      if (this.reports.size <= KEEP) break;
      this.reports.delete(key);
    }
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { preview: false });
  }
}
