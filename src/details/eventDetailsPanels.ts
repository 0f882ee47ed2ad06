import * as vscode from 'vscode';
import { displayText } from '../model/format';
import { EventStore } from '../store/eventStore';
import { detailsHtml } from './detailsHtml';
import { buildEventViewModel, EventViewModel } from './eventViewModel';

export const DETAILS_ACTIONS = ['close', 'reopen', 'openInPvwa', 'copyId', 'openRawJson'] as const;
export type DetailsAction = (typeof DETAILS_ACTIONS)[number];

export type PageMessage = { type: 'ready' } | { type: 'action'; action: DetailsAction; eventId: string };

/** Anything the page sends is untrusted: only these exact shapes, for the panel's own event, are acted on. */
export function parsePageMessage(message: unknown, eventId: string): PageMessage | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const m = message as Record<string, unknown>;
  if (m.type === 'ready') return { type: 'ready' };
  if (m.type === 'action' && DETAILS_ACTIONS.includes(m.action as DetailsAction) && m.eventId === eventId) {
    return { type: 'action', action: m.action as DetailsAction, eventId };
  }
  return undefined;
}

/** One details panel per event, reused and revealed again, updated whenever the store changes that event. */
export class EventDetailsPanels implements vscode.Disposable {
  private readonly panels = new Map<string, EventDetailsPanel>();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly mediaRoot: vscode.Uri,
    private readonly store: EventStore,
    private readonly onAction: (action: DetailsAction, eventId: string) => void,
    private readonly canOpenInPvwa: () => boolean,
  ) {
    this.subscription = store.onDidChange((change) => {
      const changed = change.kind === 'reset' ? [...this.panels.keys()] : [...change.added, ...change.updated].map((e) => e.id);
      for (const id of changed) this.panels.get(id)?.update(this.model(id));
    });
  }

  /** Opens or reveals the event's panel; false when the event is not held. */
  show(eventId: string): boolean {
    const existing = this.panels.get(eventId);
    if (existing) {
      existing.reveal();
      return true;
    }
    const model = this.model(eventId);
    if (!model) return false;
    const panel = new EventDetailsPanel(this.mediaRoot, model, this.onAction, () => this.panels.delete(eventId));
    this.panels.set(eventId, panel);
    return true;
  }

  /** The open panel's state, for tests and for commands that act on the active panel. */
  get(eventId: string): EventDetailsPanel | undefined {
    return this.panels.get(eventId);
  }

  dispose(): void {
    this.subscription.dispose();
    for (const panel of [...this.panels.values()]) panel.dispose();
  }

  private model(eventId: string): EventViewModel | undefined {
    const event = this.store.get(eventId);
    return event && buildEventViewModel(event, Date.now(), this.canOpenInPvwa());
  }
}

export class EventDetailsPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private current: EventViewModel;

  constructor(
    mediaRoot: vscode.Uri,
    model: EventViewModel,
    onAction: (action: DetailsAction, eventId: string) => void,
    onDisposed: () => void,
  ) {
    this.current = model;
    this.panel = vscode.window.createWebviewPanel('cyberarkPta.eventDetails', panelTitle(model), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [mediaRoot],
      retainContextWhenHidden: false,
    });
    this.panel.iconPath = vscode.Uri.joinPath(mediaRoot, 'pta.svg');
    this.panel.webview.html = detailsHtml(this.panel.webview, mediaRoot);
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parsePageMessage(raw, this.current.id);
        if (message?.type === 'ready') {
          this.ready = true;
          this.post();
        } else if (message?.type === 'action') {
          onAction(message.action, message.eventId);
        }
      }),
      this.panel.onDidDispose(() => {
        onDisposed();
        this.dispose();
      }),
    );
  }

  get eventId(): string {
    return this.current.id;
  }

  get model(): EventViewModel {
    return this.current;
  }

  get html(): string {
    return this.panel.webview.html;
  }

  get isReady(): boolean {
    return this.ready;
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** A page hidden and shown again reloads and says `ready` again, so it always gets the latest model. */
  update(model: EventViewModel | undefined): void {
    if (!model) return;
    this.current = model;
    this.panel.title = panelTitle(model);
    this.post();
  }

  dispose(): void {
    while (this.disposables.length) this.disposables.pop()?.dispose();
    this.panel.dispose();
  }

  private post(): void {
    if (this.ready) void this.panel.webview.postMessage({ type: 'event', event: this.current });
  }
}

function panelTitle(model: EventViewModel): string {
  return displayText(model.title, 40);
}
