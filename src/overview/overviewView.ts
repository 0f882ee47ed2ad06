import * as vscode from 'vscode';
import type { OverviewData } from '../derived/overviewAggregates';
import { overviewHtml } from './overviewHtml';
import { OverviewFilterRequest, OverviewFilterView, OverviewUpdateMessage, parseOverviewMessage } from './overviewMessages';

/** What the Overview needs from the extension, and nothing more. */
export interface OverviewViewDeps {
  readonly mediaRoot: vscode.Uri;
  /** The figures now; undefined when nothing is loaded. Asked only while the view is visible. */
  data(): OverviewData | undefined;
  /** Fires when the figures or the Events view's filter may have changed. */
  onDidChangeData(listener: () => void): vscode.Disposable;
  /** The Events view's filter against the figures shown; undefined when there is none. */
  activeFilter(data: OverviewData | undefined): OverviewFilterView | undefined;
  applyFilter(request: OverviewFilterRequest): void;
}

/** Changes arriving together (a refresh merging page after page) are posted once. */
const POST_DELAY_MS = 150;

/**
 * The Overview webview view. The page says `ready` (again after each reload: a hidden view's page
 * is discarded) before anything is posted; the figures are re-posted on change while the view is
 * visible, and once when it is shown again after changes while hidden. The page updates in place.
 */
export class OverviewViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'cyberarkPta.overview';

  private view: vscode.WebviewView | undefined;
  private ready = false;
  private stale = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private shown: OverviewData | undefined;
  private rejected = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private viewDisposables: vscode.Disposable[] = [];

  constructor(private readonly deps: OverviewViewDeps) {
    this.disposables.push(deps.onDidChangeData(() => this.changed()));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    this.ready = false;
    view.webview.options = { enableScripts: true, localResourceRoots: [this.deps.mediaRoot] };
    view.webview.html = overviewHtml(view.webview, this.deps.mediaRoot);
    this.viewDisposables.push(
      view.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      view.onDidChangeVisibility(() => {
        if (view.visible && this.stale) this.post();
      }),
      // A folded view's page is discarded, and its dispose may arrive after the next page resolved:
      // only the current view's end may clear what the current view uses.
      view.onDidDispose(() => {
        if (this.view === view) this.disposeView();
      }),
    );
  }

  /** True once the page has said `ready` (for tests). */
  get isReady(): boolean {
    return this.ready;
  }

  /** The figures last posted to the page (for tests and for commands such as Copy Shift Report). */
  get postedData(): OverviewData | undefined {
    return this.shown;
  }

  /** Messages from the page that were not one of the exact shapes accepted (for tests). */
  get rejectedMessages(): number {
    return this.rejected;
  }

  dispose(): void {
    this.disposeView();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }

  /** What the page sends arrives here (tests call it the way the page would). */
  receive(message: unknown): void {
    const parsed = parseOverviewMessage(message, this.shown);
    if (!parsed) {
      this.rejected++;
    } else if (parsed.type === 'ready') {
      this.ready = true;
      this.post();
    } else {
      this.deps.applyFilter(parsed.filter);
    }
  }

  private changed(): void {
    this.stale = true;
    if (!this.view?.visible || !this.ready || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.post();
    }, POST_DELAY_MS);
  }

  private post(): void {
    if (!this.view || !this.ready) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stale = false;
    this.shown = this.deps.data();
    const filter = this.deps.activeFilter(this.shown);
    const message: OverviewUpdateMessage = { type: 'overview', data: this.shown ?? null, filter: filter?.text ?? null, parts: filter?.parts ?? [], pressed: filter?.pressed ?? [] };
    void this.view.webview.postMessage(message);
  }

  private disposeView(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.view = undefined;
    this.ready = false;
    while (this.viewDisposables.length) this.viewDisposables.pop()?.dispose();
  }
}
