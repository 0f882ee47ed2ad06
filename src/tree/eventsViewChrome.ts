import * as vscode from 'vscode';
import { EventsProgress } from '../api/pvwaClient';
import { readSettings } from '../config';
import { countOf, displayText } from '../model/format';
import { EventSource } from '../sources/eventSource';
import { EventSources } from '../sources/eventSources';
import { VaultSource } from '../sources/vault/vaultSource';
import { describeFilter } from '../store/filterDescription';
import { EventView } from '../store/eventView';
import { connectionWarnings } from './connectionWarnings';
import { EventsTreeProvider } from './eventsTreeProvider';
import { clock, freshness } from './freshness';
import { OpenCountStatusItem } from './openCountStatusItem';
import { TreeNode } from './treeNodes';

/**
 * Everything around the tree: the view's message, description and badge, the status-bar count
 * and the context keys menus depend on. An empty list always says why (signed out, loading,
 * failed, nothing in the window, all filtered out), and the view always says how fresh it is.
 */
export class EventsViewChrome implements vscode.Disposable {
  private readonly statusItem = new OpenCountStatusItem();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly ticker: NodeJS.Timeout;
  private readonly contextKeys = new Map<string, unknown>();
  private progressSubscriptions: Array<{ dispose(): void }> = [];

  constructor(
    private readonly treeView: vscode.TreeView<TreeNode>,
    private readonly tree: EventsTreeProvider,
    private readonly sources: EventSources,
    private readonly view: EventView,
  ) {
    const update = () => this.update();
    this.subscriptions.push(
      this.statusItem,
      new vscode.Disposable(view.onDidChange(update).dispose),
      new vscode.Disposable(sources.onDidChangeState(update).dispose),
      new vscode.Disposable(sources.onDidChangeSources(update).dispose),
      new vscode.Disposable(sources.onDidChangeSources(() => this.watchProgress()).dispose),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('cyberarkPta')) update();
      }),
    );
    // "updated 2 min ago" must age even when nothing else changes.
    this.ticker = setInterval(update, 30_000);
    this.watchProgress();
    this.update();
  }

  get statusBarText(): string {
    return this.statusItem.text;
  }

  get statusBarTooltip(): string {
    return this.statusItem.tooltip;
  }

  update(): void {
    const vaults = this.sources.all().filter((s): s is VaultSource => s.kind === 'vault');
    const signedIn = vaults.filter((v) => v.session.isSignedIn);
    const now = Date.now();
    const openOf = (s: EventSource) => (s.state.kind === 'failed' || s.state.kind === 'signedOut' ? undefined : s.store.count('OPEN'));
    const totalOpen = signedIn.reduce((sum, v) => sum + (openOf(v) ?? 0), 0);
    const asNodes = this.tree.sourcesAsNodes().length > 0;

    this.treeView.badge = totalOpen > 0 ? { value: totalOpen, tooltip: countOf(totalOpen, 'open PTA event') } : undefined;
    const single = !asNodes ? vaults[0] : undefined;
    this.treeView.description = [single && singleDescription(single, now), SORT_WORDS[this.view.sortOrder]].filter(Boolean).join(' · ');
    this.treeView.message = this.message(single);

    const settings = readSettings();
    this.statusItem.update(
      settings.showStatusBarItem,
      signedIn.map((v) => ({ label: v.label, open: openOf(v), stale: v.state.kind === 'stale', version: v.vaultCapabilities?.versionText })),
    );
    this.setContext('cyberarkPta.signedIn', signedIn.length > 0);
    this.setContext('cyberarkPta.allSignedIn', signedIn.length === vaults.length);
    this.setContext('cyberarkPta.multipleVaults', vaults.length > 1);
    this.setContext('cyberarkPta.hasListedVaults', vaults.some((v) => v.config.inList));
    const files = this.sources.all().some((s) => s.kind === 'file');
    this.setContext('cyberarkPta.hasEvents', signedIn.length > 0 || files);
    this.setContext('cyberarkPta.hasFileSources', files);
    this.setContext('cyberarkPta.filtered', this.view.isFiltered);
    this.setContext('cyberarkPta.sortOrder', this.view.sortOrder);
  }

  dispose(): void {
    clearInterval(this.ticker);
    for (const d of this.subscriptions.splice(0)) d.dispose();
    for (const d of this.progressSubscriptions.splice(0)) d.dispose();
  }

  /** A vault's load in progress says how far its answer has arrived. */
  private watchProgress(): void {
    for (const d of this.progressSubscriptions.splice(0)) d.dispose();
    for (const source of this.sources.all()) {
      if (source.kind === 'vault') this.progressSubscriptions.push((source as VaultSource).refresh.onDidProgress(() => this.update()));
    }
  }

  private message(single: VaultSource | undefined): string | undefined {
    const lines: string[] = [];
    const settings = readSettings();
    for (const vault of this.sources.all()) {
      if (vault.kind !== 'vault' || !(vault as VaultSource).session.isSignedIn) continue;
      for (const warning of connectionWarnings((vault as VaultSource).session.target?.address, settings)) {
        lines.push(single ? warning : `${displayText(vault.label, 40)}: ${warning}`);
      }
    }
    if (single && single.state.kind === 'signedOut') return undefined;
    for (const vault of this.sources.all()) {
      const progress = vault.kind === 'vault' ? (vault as VaultSource).refresh.progress : undefined;
      if (progress) lines.push(`${single ? '' : `${displayText(vault.label, 40)}: `}Loading events: ${progressWords(progress)}.`);
    }
    if (single?.state.kind === 'stale') lines.push(`Refresh failed: ${single.state.error} Showing the list as of ${clock(single.state.asOf)}.`);
    if (single?.state.kind === 'failed') lines.push(`Loading events failed: ${single.state.error}`);
    const filterText = describeFilter(this.view.currentFilter, (id) => this.sources.get(id)?.label ?? id);
    if (filterText) lines.push(`Filtered: ${filterText}. Use Clear Filter to see everything.`);
    const loaded = this.sources.all().filter((s) => s.state.kind === 'loaded' || s.state.kind === 'stale');
    const held = loaded.reduce((sum, s) => sum + s.store.size, 0);
    const shown = loaded.reduce((sum, s) => sum + this.view.list(s.id, 'OPEN').length + this.view.list(s.id, 'CLOSED').length, 0);
    if (single && loaded.length === 1 && held === 0) {
      const days = single.config.lookbackDays ?? settings.lookbackDays;
      lines.push(`No events were updated in the last ${countOf(days, 'day')}.`);
    } else if (held > 0 && shown === 0) {
      lines.push(held === 1 ? 'The one event is hidden by the filter.' : `All ${countOf(held, 'event')} are hidden by the filter.`);
    }
    return lines.length > 0 ? lines.join(' ') : undefined;
  }

  private setContext(key: string, value: unknown): void {
    if (this.contextKeys.get(key) === value) return;
    this.contextKeys.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }
}

function progressWords(progress: EventsProgress): string {
  return `${countOf(progress.received, 'event')} so far, ${(progress.bytes / 1024 / 1024).toFixed(1)} MB received`;
}

/** The active order, always in sight in the view's title. */
const SORT_WORDS = { updated: 'newest first', score: 'by score' } as const;

function singleDescription(vault: VaultSource, now: number): string | undefined {
  switch (vault.state.kind) {
    case 'loaded':
      return freshness(vault.state.asOf, now, false);
    case 'stale':
      return freshness(vault.state.asOf, now, true);
    case 'failed':
      return 'load failed';
    default:
      return undefined;
  }
}
