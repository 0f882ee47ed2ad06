import * as vscode from 'vscode';
import { readableEventType } from '../model/format';
import { PtaEvent } from '../model/ptaEvent';
import { EventRef } from '../sources/eventSource';
import { EventSources } from '../sources/eventSources';
import { prettyJson } from './eventViewModel';

export const RAW_JSON_SCHEME = 'cyberarkpta-event';

/**
 * Events as read-only JSON documents, kept in step with their source. The path is only a readable
 * tab title; the source and event ids travel in the query, so the same id in two vaults is two documents.
 */
export class RawJsonDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly subscriptions: Array<{ dispose(): void }> = [];

  constructor(private readonly sources: EventSources) {
    this.subscriptions.push(
      sources.onDidChangeEvents(({ source, change }) => {
        const ids = change.kind === 'reset' ? undefined : new Set([...change.added, ...change.updated].map((e) => e.id));
        for (const doc of vscode.workspace.textDocuments) {
          const ref = refOf(doc.uri);
          if (ref && ref.sourceId === source.id && (!ids || ids.has(ref.eventId))) this.changeEmitter.fire(doc.uri);
        }
      }),
      // A closed source's documents say so instead of keeping its events.
      sources.onDidChangeSources(() => {
        for (const doc of vscode.workspace.textDocuments) {
          const ref = refOf(doc.uri);
          if (ref && !sources.get(ref.sourceId)) this.changeEmitter.fire(doc.uri);
        }
      }),
    );
  }

  static uriFor(ref: EventRef, event: PtaEvent): vscode.Uri {
    const name = `${readableEventType(event.type).replace(/[^\w .-]+/g, '_').slice(0, 60)} ${event.id.slice(0, 8)}`;
    const query = new URLSearchParams({ source: ref.sourceId, event: ref.eventId }).toString();
    return vscode.Uri.from({ scheme: RAW_JSON_SCHEME, path: `/${name}.json`, query });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const ref = refOf(uri);
    const found = ref && this.sources.resolve(ref);
    return found ? prettyJson(found.event.raw) : '// This event is not loaded any more. Refresh the CyberArk PTA view, sign in again or open its file again.\n';
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.changeEmitter.dispose();
  }
}

export function refOf(uri: vscode.Uri): EventRef | undefined {
  if (uri.scheme !== RAW_JSON_SCHEME) return undefined;
  const params = new URLSearchParams(uri.query);
  const sourceId = params.get('source');
  const eventId = params.get('event');
  return sourceId && eventId ? { sourceId, eventId } : undefined;
}
