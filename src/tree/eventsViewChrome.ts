import * as vscode from 'vscode';
import { EventView } from '../store/eventView';
import { EventStore } from '../store/eventStore';
import { RefreshState } from '../sync/refreshController';
import { describeFilter, ServerFilter } from '../store/filterDescription';
import { TreeNode } from './treeNodes';

export interface ChromeInputs {
  readonly signedIn: boolean;
  readonly refresh: RefreshState;
  readonly lookbackDays: number;
  readonly serverFilter: ServerFilter;
  /** Shown first, for as long as they apply. */
  readonly warnings: readonly string[];
}

/**
 * The view's message, description and badge. An empty list always says why: signed out
 * (the welcome content shows), still loading, nothing in the window, everything filtered
 * out, or the last refresh failed.
 */
export function updateViewChrome(treeView: vscode.TreeView<TreeNode>, store: EventStore, view: EventView, inputs: ChromeInputs): void {
  const { signedIn, refresh } = inputs;
  const openCount = store.count('OPEN');
  treeView.badge = signedIn && openCount > 0 ? { value: openCount, tooltip: `${openCount} open PTA event${openCount === 1 ? '' : 's'}` } : undefined;
  treeView.description = signedIn && refresh.lastSuccess ? `updated ${clock(refresh.lastSuccess)}` : undefined;
  treeView.message = signedIn ? viewMessage(store, view, inputs) : undefined;
}

function viewMessage(store: EventStore, view: EventView, inputs: ChromeInputs): string | undefined {
  const { refresh, lookbackDays, serverFilter } = inputs;
  const lines: string[] = [...inputs.warnings];
  if (refresh.lastError) {
    lines.push(
      refresh.lastSuccess
        ? `Refresh failed: ${refresh.lastError} Showing the list as of ${clock(refresh.lastSuccess)}.`
        : `Loading events failed: ${refresh.lastError}`,
    );
  } else if (!refresh.loaded) {
    lines.push('Loading events…');
  }
  const filterText = describeFilter(view.currentFilter, serverFilter);
  if (filterText) lines.push(`Filtered: ${filterText}. Use Clear Filter to see everything.`);
  if (refresh.loaded && store.size === 0) {
    lines.push(
      serverFilter.accountId || serverFilter.status
        ? 'No events match the vault-side filter.'
        : `No events were updated in the last ${lookbackDays} day${lookbackDays === 1 ? '' : 's'}.`,
    );
  } else if (store.size > 0 && view.list('OPEN').length + view.list('CLOSED').length === 0) {
    lines.push(`All ${store.size} events are hidden by the filter.`);
  }
  return lines.length > 0 ? lines.join(' ') : undefined;
}

function clock(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
