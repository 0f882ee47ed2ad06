import * as vscode from 'vscode';
import { EventStore } from '../store/eventStore';
import { prettyJson } from './eventViewModel';

export const RAW_JSON_SCHEME = 'cyberarkpta-event';

/** Events as read-only JSON documents (`cyberarkpta-event:/<id>.json`), kept in step with the store. */
export class RawJsonDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly store: EventStore) {
    this.subscription = store.onDidChange((change) => {
      const ids = change.kind === 'reset' ? undefined : new Set([...change.added, ...change.updated].map((e) => e.id));
      for (const doc of vscode.workspace.textDocuments) {
        if (doc.uri.scheme === RAW_JSON_SCHEME && (!ids || ids.has(eventIdOf(doc.uri)))) this.changeEmitter.fire(doc.uri);
      }
    });
  }

  static uriFor(eventId: string): vscode.Uri {
    return vscode.Uri.from({ scheme: RAW_JSON_SCHEME, path: `/${eventId}.json` });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const event = this.store.get(eventIdOf(uri));
    return event ? prettyJson(event.raw) : '// This event is not loaded any more. Refresh the CyberArk PTA view.\n';
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

function eventIdOf(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(/\.json$/, '');
}
