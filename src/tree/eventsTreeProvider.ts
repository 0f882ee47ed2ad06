import * as vscode from 'vscode';
import { eventAudits, EventStatus } from '../model/ptaEvent';
import { EventStore } from '../store/eventStore';
import { EventView } from '../store/eventView';
import { auditItem, auditTooltip, eventItem, eventTooltip, groupItem, moreItem } from './treeItems';
import { GroupPages, PAGE_SIZE } from './groupPages';
import { EventNode, GroupNode, TreeNode } from './treeNodes';

/**
 * Open and Closed, their events (paged), each event's audits. Everything is answered from
 * memory: the lists come sorted and filtered from the EventView.
 */
export class EventsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly groups: Record<EventStatus, GroupNode> = {
    OPEN: { kind: 'group', status: 'OPEN' },
    CLOSED: { kind: 'group', status: 'CLOSED' },
  };
  private readonly pages: GroupPages;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly store: EventStore,
    private readonly view: EventView,
    private readonly showsEvents: () => boolean,
    private readonly now: () => number = Date.now,
  ) {
    this.pages = new GroupPages(view);
    this.subscription = store.onDidChange((change) => {
      if (change.kind === 'reset') this.pages.reset();
      this.refresh();
    });
  }

  refresh(): void {
    this.changeEmitter.fire(undefined);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group':
        return groupItem(node.status, this.view.list(node.status).length, this.store.count(node.status));
      case 'event': {
        const event = this.store.get(node.eventId);
        return event ? eventItem(event, this.now()) : new vscode.TreeItem('Event no longer available');
      }
      case 'audit':
        return auditItem(node.eventId, node.index, node.audit);
      case 'more': {
        const item = moreItem(node.remaining, PAGE_SIZE);
        item.id = `more:${node.status}`;
        item.command = { command: 'cyberarkPta.showMore', title: 'Show More', arguments: [node.status] };
        return item;
      }
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind === 'event') {
      const event = this.store.get(node.eventId);
      if (event) item.tooltip = eventTooltip(event, this.now());
    } else if (node.kind === 'audit') {
      item.tooltip = auditTooltip(node.audit);
    }
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) {
      return this.showsEvents() ? [this.groups.OPEN, this.groups.CLOSED] : [];
    }
    if (node.kind === 'group') return this.pages.children(node.status);
    if (node.kind === 'event') {
      const event = this.store.get(node.eventId);
      return event ? eventAudits(event).map((audit, index) => ({ kind: 'audit', eventId: event.id, index, audit })) : [];
    }
    return [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === 'event') {
      const event = this.store.get(node.eventId);
      return event && this.groups[event.status];
    }
    if (node.kind === 'audit') return this.eventNode(node.eventId);
    if (node.kind === 'more') return this.groups[node.status];
    return undefined;
  }

  showMore(status: EventStatus): void {
    this.pages.showMore(status);
    this.changeEmitter.fire(this.groups[status]);
  }

  /** The node for an event, paging its group far enough for it to be shown; undefined when filtered out or unknown. */
  revealableNode(eventId: string): EventNode | undefined {
    const event = this.store.get(eventId);
    if (!event) return undefined;
    const index = this.view.list(event.status).indexOf(event);
    if (index < 0) return undefined;
    if (this.pages.pageTo(event.status, index)) this.changeEmitter.fire(this.groups[event.status]);
    return this.eventNode(eventId);
  }

  eventNode(eventId: string): EventNode {
    return this.pages.eventNode(eventId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}
