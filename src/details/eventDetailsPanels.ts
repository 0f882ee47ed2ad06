import * as vscode from 'vscode';
import { EntityIndexes } from '../derived/entityIndexes';
import { EventRef, refKey } from '../sources/eventSource';
import { EventSources } from '../sources/eventSources';
import { detailsHtml } from './detailsHtml';
import { onFirstUse } from '../startup/loadOnFirstUse';
import type { DetailsAction, PageMessage } from './detailsMessages';
import type { EventViewModel } from './eventViewModel';

/** What a panel asks the extension to do for its event; the timeline toggle stays inside the panel. */
export type DetailsRequest =
  | { readonly kind: 'action'; readonly action: DetailsAction }
  | { readonly kind: 'filterEntity'; readonly key: string }
  | { readonly kind: 'loadHistory'; readonly key: string }
  | { readonly kind: 'openEvent'; readonly eventId: string };

export interface ShowOptions {
  /** Reuse the one preview panel and keep the focus where it is (a single click or an arrow key in the tree). */
  readonly preview?: boolean;
}

/**
 * A section of the page with its own data and messages (Behind this event): told when a page
 * shows an event, offered each page message first, and posts through `panel.postSection`.
 */
export interface PanelSection {
  shown(panel: EventDetailsPanel): void;
  /** Undefined when the message is not this section's; else whether it was acted on (false: refused). */
  receive(panel: EventDetailsPanel, raw: unknown): boolean | undefined;
}

/** Index changes arriving together (a refresh merging page after page) update a panel once. */
const CONTEXT_UPDATE_DELAY_MS = 100;

/**
 * Details panels, keyed by source and event. One preview panel follows the tree's selection and
 * is reused; a pinned panel (Enter, a double click, the command) stays on its event. Panels
 * update when their event changes, when their source's entity index changes (the context around
 * the event: look-alikes, related events), and close when the event is gone (signed out, source closed).
 */
export class EventDetailsPanels implements vscode.Disposable {
  private readonly pinned = new Map<string, EventDetailsPanel>();
  private previewPanel: EventDetailsPanel | undefined;
  private readonly subscriptions: Array<{ dispose(): void }> = [];
  private readonly contextChanged = new Set<string>();
  private contextTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly sections: PanelSection[] = [];

  constructor(
    private readonly mediaRoot: vscode.Uri,
    private readonly sources: EventSources,
    private readonly indexes: EntityIndexes,
    private readonly onRequest: (request: DetailsRequest, ref: EventRef) => void,
  ) {
    this.subscriptions.push(
      sources.onDidChangeEvents(({ source, change }) => {
        const changed = change.kind === 'reset' ? undefined : new Set([...change.added, ...change.updated].map((e) => e.id));
        for (const panel of this.all()) {
          if (panel.ref.sourceId === source.id && (!changed || changed.has(panel.ref.eventId))) this.refreshPanel(panel);
        }
      }),
      indexes.onDidChange((sourceId) => this.contextChangedIn(sourceId)),
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

  addSection(section: PanelSection): void {
    this.sections.push(section);
    for (const panel of this.all()) if (panel.isReady) section.shown(panel);
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
    clearTimeout(this.contextTimer);
    for (const s of this.subscriptions.splice(0)) s.dispose();
    for (const panel of this.all()) panel.dispose();
  }

  private create(ref: EventRef, model: EventViewModel, preview: boolean): EventDetailsPanel {
    return new EventDetailsPanel(
      this.mediaRoot,
      ref,
      model,
      preview,
      this.sections,
      (panel, message) => this.received(panel, message),
      (panel) => {
        if (this.previewPanel === panel) this.previewPanel = undefined;
        else if (this.pinned.get(refKey(panel.ref)) === panel) this.pinned.delete(refKey(panel.ref));
      },
    );
  }

  private received(panel: EventDetailsPanel, message: Exclude<PageMessage, { type: 'ready' }>): void {
    const ref = panel.ref;
    switch (message.type) {
      case 'action':
        return this.onRequest({ kind: 'action', action: message.action }, ref);
      case 'open':
        return this.onRequest({ kind: 'openEvent', eventId: message.targetId }, ref);
      case 'related':
        panel.showAllRelated = true;
        return this.refreshPanel(panel);
      case 'entity':
        if (message.action === 'timeline') {
          panel.timelineEntityKey = panel.timelineEntityKey === message.key ? undefined : message.key;
          return this.refreshPanel(panel);
        }
        return this.onRequest({ kind: message.action === 'filter' ? 'filterEntity' : 'loadHistory', key: message.key }, ref);
    }
  }

  private contextChangedIn(sourceId: string): void {
    this.contextChanged.add(sourceId);
    this.contextTimer ??= setTimeout(() => {
      this.contextTimer = undefined;
      for (const panel of this.all()) if (this.contextChanged.has(panel.ref.sourceId)) this.refreshPanel(panel);
      this.contextChanged.clear();
    }, CONTEXT_UPDATE_DELAY_MS);
  }

  /** A panel whose event is gone closes: it must not keep showing data the user signed out of. */
  private refreshPanel(panel: EventDetailsPanel): void {
    const model = this.model(panel.ref, panel.timelineEntityKey, panel.showAllRelated);
    if (model) panel.update(model);
    else panel.dispose();
  }

  private model(ref: EventRef, timelineEntityKey?: string, allRelated = false): EventViewModel | undefined {
    const found = this.sources.resolve(ref);
    if (!found) return undefined;
    const { source, event } = found;
    const now = Date.now();
    const signedIn = source.state.kind !== 'signedOut';
    const canTriage = source.capabilities.triage && signedIn;
    const { buildEventViewModel, buildEventContext, RELATED_ALL_MAX, RELATED_SHOWN_MAX } = onFirstUse();
    const model = buildEventViewModel(event, now, { canOpenInPvwa: source.capabilities.openInPvwa && signedIn, canTriage });
    const index = this.indexes.of(source.id);
    if (!index) return model;
    const context = buildEventContext(index, event, {
      now,
      canTriage,
      canLoadHistory: source.kind === 'vault' && signedIn,
      timelineEntityKey,
      relatedMax: allRelated ? RELATED_ALL_MAX : RELATED_SHOWN_MAX,
      loadedSince: () => oldestTime(source.store.all(), now),
    });
    return { ...model, ...context };
  }
}

export class EventDetailsPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private disposed = false;
  private current: EventViewModel;
  private currentRef: EventRef;
  /** The JSON last posted: an unchanged model is not posted again (the page would redraw for nothing). */
  private posted: string | undefined;
  /** The entity whose events the timeline shows beside the audits, chosen on the page. */
  timelineEntityKey: string | undefined;
  /** The page asked for every related event, not only the strongest few. */
  showAllRelated = false;

  constructor(
    mediaRoot: vscode.Uri,
    ref: EventRef,
    model: EventViewModel,
    preview: boolean,
    private readonly sections: readonly PanelSection[],
    private readonly onMessage: (panel: EventDetailsPanel, message: Exclude<PageMessage, { type: 'ready' }>) => void,
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
    // A tab icon cannot follow the theme's colour, so it comes in a light and a dark stroke.
    this.panel.iconPath = { light: vscode.Uri.joinPath(mediaRoot, 'pta-light.svg'), dark: vscode.Uri.joinPath(mediaRoot, 'pta-dark.svg') };
    this.panel.webview.html = detailsHtml(this.panel.webview, mediaRoot);
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
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

  /** What the page sends arrives here (tests call it the way the page would); false when it was refused. */
  receive(raw: unknown): boolean {
    for (const section of this.sections) {
      const taken = section.receive(this, raw);
      if (taken !== undefined) return taken;
    }
    const message = onFirstUse().parsePageMessage(raw, this.current);
    if (!message) return false;
    if (message.type === 'ready') {
      this.ready = true;
      this.posted = undefined;
      this.post();
      for (const section of this.sections) section.shown(this);
    } else {
      this.onMessage(this, message);
    }
    return true;
  }

  reveal(preserveFocus: boolean): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  /** The preview panel moves to another event. */
  retarget(ref: EventRef, model: EventViewModel): void {
    this.currentRef = ref;
    this.timelineEntityKey = undefined;
    this.showAllRelated = false;
    this.update(model);
    if (this.ready) for (const section of this.sections) section.shown(this);
  }

  /** A section's data, by message like the event's (nothing of it goes into the page's saved state). */
  postSection(type: string, data: unknown): void {
    if (this.ready && !this.disposed) void this.panel.webview.postMessage({ type, data });
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
    if (!this.ready) return;
    const json = JSON.stringify(this.current);
    if (json === this.posted) return;
    this.posted = json;
    void this.panel.webview.postMessage({ type: 'event', event: this.current });
  }
}

/** The view model's title is already safe text: the type and a short id. */
function panelTitle(model: EventViewModel): string {
  return model.title;
}

/** The loaded window's start: the oldest creation (else update) time. */
function oldestTime(events: Iterable<{ createTime?: number; lastUpdateTime: number }>, now: number): number {
  let oldest = now;
  for (const event of events) {
    const time = event.createTime ?? event.lastUpdateTime;
    if (time > 0 && time < oldest) oldest = time;
  }
  return oldest;
}
