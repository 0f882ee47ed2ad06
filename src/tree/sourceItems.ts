import * as vscode from 'vscode';
import { displayText, formatCount } from '../model/format';
import { EventSource } from '../sources/eventSource';
import { VaultSource } from '../sources/vault/vaultSource';
import { EventView } from '../store/eventView';
import { freshness } from './freshness';
import { MessageNode } from './treeNodes';
import { treeItemId } from './treeItemId';

/** A vault's or a file's node: its name, open count and state, in words. */
export function sourceItem(source: EventSource, view: EventView, now: number): vscode.TreeItem {
  const item = new vscode.TreeItem(displayText(source.label, 80), vscode.TreeItemCollapsibleState.Expanded);
  item.id = treeItemId('source', source.id);
  const open = source.store.count('OPEN');
  const shownOpen = view.list(source.id, 'OPEN').length;
  const count = source.state.kind === 'signedOut' || source.state.kind === 'failed' ? undefined : shownOpen === open ? `${formatCount(open)} open` : `${formatCount(shownOpen)} of ${formatCount(open)} open`;
  item.description = [count, stateWords(source, now)].filter(Boolean).join(' · ');
  item.tooltip = [
    displayText(source.label, 200),
    `${source.kind === 'vault' ? 'Vault' : 'File'}: ${stateWords(source, now) ?? ''}`,
    'error' in source.state && displayText(source.state.error, 400),
    ...(source instanceof VaultSource ? vaultLines(source) : []),
  ]
    .filter(Boolean)
    .join('\n');
  item.iconPath = new vscode.ThemeIcon(
    source.state.kind === 'failed' || source.state.kind === 'stale' ? 'warning' : source.kind === 'vault' ? 'server' : 'file',
    source.state.kind === 'failed' || source.state.kind === 'stale' ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined,
  );
  item.contextValue = `source:${source.kind}:${source.state.kind === 'signedOut' ? 'signedOut' : 'signedIn'}`;
  return item;
}

/** The signed-in vault's version (read once after sign-in) and why its live sessions are not listed, if they are not. */
function vaultLines(vault: VaultSource): string[] {
  if (!vault.session.isSignedIn) return [];
  const capabilities = vault.vaultCapabilities;
  const unavailable = vault.liveSessions.unavailableReason;
  return [capabilities ? displayText(capabilities.versionText, 400) : 'PVWA version: being read…', ...(unavailable ? [displayText(unavailable, 400)] : [])];
}

function stateWords(source: EventSource, now: number): string | undefined {
  const state = source.state;
  switch (state.kind) {
    case 'signedOut':
      return 'signed out';
    case 'loading':
      return 'loading…';
    case 'failed':
      return 'load failed';
    case 'stale':
      return `stale, ${freshness(state.asOf, now, true)}`;
    case 'loaded':
      return freshness(state.asOf, now, false, source.kind === 'file' ? 'read' : 'updated');
  }
}

export function messageItem(node: MessageNode, source: EventSource | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem('', vscode.TreeItemCollapsibleState.None);
  item.id = treeItemId('message', node.sourceId, node.role);
  const ref = { sourceId: node.sourceId };
  switch (node.role) {
    case 'failed': {
      const error = source && 'error' in source.state ? source.state.error : '';
      item.label = 'Loading events failed: the list is unknown';
      item.description = displayText(error, 200);
      item.tooltip = displayText(error, 1000);
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
      break;
    }
    case 'retry':
      item.label = 'Retry';
      item.iconPath = new vscode.ThemeIcon('refresh');
      item.command = { command: 'cyberarkPta.refresh', title: 'Retry', arguments: [ref] };
      break;
    case 'signIn':
      item.label = 'Sign In…';
      item.description = 'to see this vault’s events';
      item.iconPath = new vscode.ThemeIcon('sign-in');
      item.command = { command: 'cyberarkPta.signIn', title: 'Sign In', arguments: [ref] };
      break;
    case 'loading':
      item.label = 'Loading events…';
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      break;
  }
  item.contextValue = `message:${node.role}`;
  return item;
}
