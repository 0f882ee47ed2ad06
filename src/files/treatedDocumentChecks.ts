import * as vscode from 'vscode';
import { onFirstUse } from '../startup/loadOnFirstUse';
import { isPtaEventsUri, PtaDocuments } from './ptaDocuments';

/**
 * The PTA events schema on documents chosen with Treat as PTA Events: VS Code's JSON language
 * service takes schemas by file name only (jsonValidation covers `*.pta.json` and the raw JSON
 * documents), so these are checked here against the same schema file, as warnings in Problems.
 */
export function registerTreatedDocumentChecks(documents: PtaDocuments, schemaUri: vscode.Uri): vscode.Disposable[] {
  const diagnostics = vscode.languages.createDiagnosticCollection('cyberarkPta.schema');
  let schema: Promise<Record<string, unknown>> | undefined;
  const loadSchema = () => (schema ??= Promise.resolve(vscode.workspace.fs.readFile(schemaUri)).then((bytes) => JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>));
  const pending = new Map<string, NodeJS.Timeout>();

  const checkNow = async (document: vscode.TextDocument) => {
    if (!documents.includes(document) || isPtaEventsUri(document.uri)) {
      diagnostics.delete(document.uri);
      return;
    }
    const problems = onFirstUse().checkDocumentText(document.getText(), await loadSchema());
    // Neither JSON nor one event per line: a half-typed document, whose syntax errors the JSON language service reports.
    if (!problems) return;
    diagnostics.set(
      document.uri,
      problems.map((problem) => {
        const range = new vscode.Range(document.positionAt(problem.offset), document.positionAt(problem.offset + problem.length));
        const diagnostic = new vscode.Diagnostic(range, problem.message, vscode.DiagnosticSeverity.Warning);
        diagnostic.source = 'PTA events schema';
        return diagnostic;
      }),
    );
  };
  const checkSoon = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(pending.get(key));
    pending.set(key, setTimeout(() => {
      pending.delete(key);
      void checkNow(document);
    }, 300));
  };

  return [
    diagnostics,
    documents.onDidChange(() => vscode.workspace.textDocuments.forEach((d) => void checkNow(d))),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (documents.includes(e.document)) checkSoon(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => diagnostics.delete(document.uri)),
    new vscode.Disposable(() => pending.forEach((timer) => clearTimeout(timer))),
  ];
}
