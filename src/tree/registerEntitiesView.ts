import * as vscode from 'vscode';
import { Services } from '../services';
import { describeFilter } from '../store/filterDescription';
import { EntitiesNode, EntitiesTreeProvider } from './entitiesTreeProvider';

/** The Entities view beside the Events view; it says when the Events view's filter narrows it. */
export function registerEntitiesView(services: Omit<Services, 'entities' | 'overview'>): { provider: EntitiesTreeProvider; disposables: vscode.Disposable[] } {
  const { sources, view, indexes } = services;
  const provider = new EntitiesTreeProvider(sources, view, indexes);
  const treeView = vscode.window.createTreeView<EntitiesNode>('cyberarkPta.entities', { treeDataProvider: provider, showCollapseAll: true });
  const describe = () => {
    const filter = describeFilter(view.currentFilter, (id) => sources.get(id)?.label ?? id);
    treeView.message = filter ? `Ranked within the Events view's filter: ${filter}` : undefined;
  };
  describe();
  return { provider, disposables: [provider, treeView, new vscode.Disposable(view.onDidChange(describe).dispose)] };
}
