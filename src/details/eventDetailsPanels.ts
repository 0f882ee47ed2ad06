import * as vscode from 'vscode';
import { EventRef, refKey } from '../sources/eventSource';
import { EventSources } from '../sources/eventSources';
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

export interface ShowOptions {
  /** Reuse the one preview panel and keep the focus where it is (a single click or an arrow key in the tree). */
  readonly preview?: boolean;
}

/**
 * Details panels, keyed by source and event. One preview panel follows the tree's selection and
 * is reused; a pinned panel (Enter, a double click, the command) stays on its event. Panels
 * update when their event changes and close when it is gone (signed out, source closed).
 */
export class EventDetailsPanels implements vscode.Disposable {
  private readonly pinned = new Map<string, EventDetailsPanel>();
  private previewPanel: EventDetailsPanel | undefined;
  private readonly subscriptions: Array<{ dispose(): void }> = [];

  constructor(
    private readonly mediaRoot: vscode.Uri,
    private readonly sources: EventSources,
    private readonly onAction: (action: DetailsAction, ref: EventRef) => void,
  ) {
    this.subscriptions.push(
      sources.onDidChangeEvents(({ source, change }) => {
        const changed = change.kind === 'reset' ? undefined : new Set([...change.added, ...change.updated].map((e) => e.id));
        for (const panel of this.all()) {
          if (panel.ref.sourceId === source.id && (!changed || changed.has(panel.ref.eventId))) this.refreshPanel(panel);
        }
      }),
      sources.onDidChangeState(() => {
        for (const panel of this.all()) this.refreshPanel(panel);
      }),
      sources.onDidChangeSources(() => {
        for (const panel of this.all()) this.refreshPanel(panel);
      }),
    );
  }

  /** Opens, retargets or reveals the event's panel; false when the event is not held. */
  show(ref: EventRef, options: ShowOptions = {}): boolean {
    const key = refKey(ref);
    const existing = this.pinned.get(key);
    if (existing) {
      existing.reveal(!!options.preview);
      return true;
    }
    const model = this.model(ref);
    if (!model) return false;
    if (options.preview) {
      if (this.previewPanel) {
        this.previewPanel.retarget(ref, model);
        this.previewPanel.reveal(true);
      } else {
        this.previewPanel = this.create(ref, model, true);
      }
      return true;
    }
    if (this.previewPanel && refKey(this.previewPanel.ref) === key) {
      const panel = this.previewPanel;
      this.previewPanel = undefined;
      this.pinned.set(key, panel);
      panel.reveal(false);
      return true;
    }
    this.pinned.set(key, this.create(ref, model, false));
    return true;
  }

  /** The panel showing this event (pinned first, else the preview), for tests and commands. */
  get(ref: EventRef): EventDetailsPanel | undefined {
    const key = refKey(ref);
    return this.pinned.get(key) ?? (this.previewPanel && refKey(this.previewPanel.ref) === key ? this.previewPanel : undefined);
  }

  get preview(): EventDetailsPanel | undefined {
    return this.previewPanel;
  }

  /** Every open panel. */
  all(): EventDetailsPanel[] {
    return [...this.pinned.values(), ...(this.previewPanel ? [this.previewPanel] : [])];
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
    for (const panel of this.all()) panel.dispose();
  }

  private create(ref: EventRef, model: EventViewModel, preview: boolean): EventDetailsPanel {
    return new EventDetailsPanel(this.mediaRoot, ref, model, preview, this.onAction, (panel) => {
      if (this.previewPanel === panel) this.previewPanel = undefined;
      else if (this.pinned.get(refKey(panel.ref)) === panel) this.pinned.delete(refKey(panel.ref));
    });
  }

  /** A panel whose event is gone closes: it must not keep showing data the user signed out of. */
  private refreshPanel(panel: EventDetailsPanel): void {
    const model = this.model(panel.ref);
    if (model) panel.update(model);
    else panel.dispose();
  }

  private model(ref: EventRef): EventViewModel | undefined {
    const found = this.sources.resolve(ref);
    if (!found) return undefined;
    const { capabilities, state } = found.source;
    const signedIn = state.kind !== 'signedOut';
    return buildEventViewModel(found.event, Date.now(), { canOpenInPvwa: capabilities.openInPvwa && signedIn, canTriage: capabilities.triage && signedIn });
  }
}

export class EventDetailsPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private disposed = false;
  private current: EventViewModel;
  private currentRef: EventRef;

  constructor(
    mediaRoot: vscode.Uri,
    ref: EventRef,
    model: EventViewModel,
    preview: boolean,
    onAction: (action: DetailsAction, ref: EventRef) => void,
    private readonly onDisposed: (panel: EventDetailsPanel) => void,
  ) {
    this.current = model;
    this.currentRef = ref;
    this.panel = vscode.window.createWebviewPanel(
      'cyberarkPta.eventDetails',
      panelTitle(model),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: preview },
      { enableScripts: true, localResourceRoots: [mediaRoot], retainContextWhenHidden: false },
    );
    this.panel.iconPath = vscode.Uri.joinPath(mediaRoot, 'pta.svg');
    this.panel.webview.html = detailsHtml(this.panel.webview, mediaRoot);
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parsePageMessage(raw, this.current.id);
        if (message?.type === 'ready') {
          this.ready = true;
          this.post();
        } else if (message?.type === 'action') {
          onAction(message.action, this.currentRef);
        }
      }),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  get ref(): EventRef {
    return this.currentRef;
  }

  get eventId(): string {
    return this.currentRef.eventId;
  }

  get model(): EventViewModel {
    return this.current;
  }

  get title(): string {
    return this.panel.title;
  }

  get html(): string {
    return this.panel.webview.html;
  }

  get isReady(): boolean {
    return this.ready;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  reveal(preserveFocus: boolean): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  /** The preview panel moves to another event. */
  retarget(ref: EventRef, model: EventViewModel): void {
    this.currentRef = ref;
    this.update(model);
  }

  /** A page hidden and shown again reloads and says `ready` again, so it always gets the latest model. */
  update(model: EventViewModel): void {
    this.current = model;
    this.panel.title = panelTitle(model);
    this.post();
  }

  /** Closed by the extension or by the person: either way it leaves the manager's maps. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.onDisposed(this);
    while (this.disposables.length) this.disposables.pop()?.dispose();
    this.panel.dispose();
  }

  private post(): void {
    if (this.ready) void this.panel.webview.postMessage({ type: 'event', event: this.current });
  }
}

/** The view model's title is already safe text: the type and a short id. */
function panelTitle(model: EventViewModel): string {
  return model.title;
}
