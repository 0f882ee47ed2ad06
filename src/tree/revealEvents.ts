import * as vscode from 'vscode';
import { EventRef } from '../sources/eventSource';
import { EventsTreeProvider } from './eventsTreeProvider';
import { EventNode, TreeNode } from './treeNodes';

/** Selects the events in the tree (the first focused), paging their groups as far as needed; filtered-out ones are skipped. */
export async function revealEvents(tree: EventsTreeProvider, treeView: vscode.TreeView<TreeNode>, refs: readonly EventRef[]): Promise<void> {
  const nodes = refs.map((r) => tree.revealableNode(r.sourceId, r.eventId)).filter((n): n is EventNode => !!n);
  for (const [i, node] of nodes.entries()) {
    await treeView.reveal(node, { select: i === 0, focus: i === 0, expand: false });
  }
}
