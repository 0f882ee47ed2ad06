import * as vscode from 'vscode';
import { isPsmEvent } from '../respond/behindEvent';
import { eventAudits, EventStatus, PtaEvent } from '../model/ptaEvent';
import { EntityIndexes } from '../derived/entityIndexes';
import { matchReason } from '../store/matchReason';
import { EventSource } from '../sources/eventSource';
import { EventSources } from '../sources/eventSources';
import { VaultSource } from '../sources/vault/vaultSource';
import { EventView } from '../store/eventView';
import { GroupPages, PAGE_SIZE } from './groupPages';
import { messageItem, sourceItem } from './sourceItems';
import { auditItem, auditTooltip, eventItem, eventTooltip, groupItem, moreItem } from './treeItems';
import { EventNode, GroupNode, MessageNode, SourceNode, TreeNode } from './treeNodes';
import { treeItemId } from './treeItemId';

/**
 * The Events view. With one vault: its Open and Closed groups at the top, as ever. With several
 * sources: one node per vault or file, each holding its own groups. Everything is answered from
 * memory; the lists come sorted and filtered from the EventView, which says when they change.
 */
export class EventsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly perSource = new Map<string, { node: SourceNode; groups: Record<EventStatus, GroupNode>; pages: GroupPages }>();
  private readonly subscriptions: Array<{ dispose(): void }> = [];
  private refreshQueued = false;

  constructor(
    private readonly sources: EventSources,
    private readonly view: EventView,
    private readonly indexes: EntityIndexes,
    private readonly now: () => number = Date.now,
  ) {
    this.subscriptions.push(
      view.onDidChange(() => this.refresh()),
      // Look-alike hints change when other events close or reopen.
      indexes.onDidChange(() => this.refresh()),
      sources.onDidChangeEvents(({ source, change }) => {
        if (change.kind === 'reset') this.nodesOf(source.id).pages.reset();
      }),
      sources.onDidChangeState(() => this.refresh()),
      sources.onDidChangeSources(() => {
        for (const id of [...this.perSource.keys()]) if (!sources.get(id)) this.perSource.delete(id);
        this.refresh();
      }),
    );
  }

  /**
   * Changes that arrive together (a store change, then the entity index taking it in) redraw the
   * tree once: one notification at the end of the current task.
   */
  refresh(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    queueMicrotask(() => {
      this.refreshQueued = false;
      this.changeEmitter.fire(undefined);
    });
  }

  /** The sources shown as nodes of their own; empty when one vault is shown as the view itself. */
  sourcesAsNodes(): readonly EventSource[] {
    const shown = this.sources.all().filter((s) => !s.isPlaceholder);
    return shown.length === 1 && shown[0].kind === 'vault' ? [] : shown;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const source = this.sources.get(node.sourceId);
    switch (node.kind) {
      case 'source': {
        if (!source) return new vscode.TreeItem('Source no longer available');
        const item = sourceItem(source, this.view, this.now());
        item.command = SELECT_ROW;
        return item;
      }
      case 'group': {
        const item = groupItem(node.status, this.view.list(node.sourceId, node.status).length, source?.store.count(node.status) ?? 0);
        item.id = treeItemId('group', node.sourceId, node.status);
        item.command = SELECT_ROW;
        return item;
      }
      case 'event': {
        const event = source?.store.get(node.eventId);
        if (!source || !event) return new vscode.TreeItem('Event no longer available');
        const lookAlikes = event.status === 'OPEN' ? (this.indexes.of(node.sourceId)?.lookAlikeCount(event.id) ?? 0) : 0;
        const item = eventItem(event, this.now(), this.matched(event), lookAlikes, liveSessionOf(source, event));
        // Its group is part of its id: a closed event is a new row in Closed, so the tree does not
        // unfold Closed to keep it selected while the selection moves on to the next open event.
        item.id = treeItemId('event', node.sourceId, event.status, node.eventId);
        item.contextValue = eventContext(event.status, source, lookAlikes > 0, isPsmEvent(event));
        item.command = { command: 'cyberarkPta.showEventDetails', title: 'Show Event Details', arguments: [{ sourceId: node.sourceId, eventId: node.eventId, preview: true }] };
        return item;
      }
      case 'audit': {
        const item = auditItem(node.audit);
        item.id = treeItemId('audit', node.sourceId, node.eventId, node.index);
        return item;
      }
      case 'more': {
        const item = moreItem(node.remaining, PAGE_SIZE);
        item.id = treeItemId('more', node.sourceId, node.status);
        item.command = { command: 'cyberarkPta.showMore', title: 'Show More', arguments: [{ sourceId: node.sourceId, status: node.status }] };
        return item;
      }
      case 'message':
        return messageItem(node, source);
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind === 'event') {
      const source = this.sources.get(node.sourceId);
      const event = source?.store.get(node.eventId);
      if (source && event) {
        const lookAlikes = event.status === 'OPEN' ? (this.indexes.of(node.sourceId)?.lookAlikeCount(event.id) ?? 0) : 0;
        item.tooltip = eventTooltip(event, this.now(), this.matched(event), lookAlikes, liveSessionOf(source, event));
      }
    } else if (node.kind === 'audit') {
      item.tooltip = auditTooltip(node.audit);
    }
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) {
      const asNodes = this.sourcesAsNodes();
      if (asNodes.length > 0) return asNodes.filter((s) => this.view.showsSource(s.id)).map((s) => this.nodesOf(s.id).node);
      const single = this.sources.all().find((s) => s.kind === 'vault');
      return single ? this.sourceChildren(single) : [];
    }
    switch (node.kind) {
      case 'source': {
        const source = this.sources.get(node.sourceId);
        return source ? this.sourceChildren(source) : [];
      }
      case 'group':
        return this.nodesOf(node.sourceId).pages.children(node.status);
      case 'event': {
        const event = this.sources.get(node.sourceId)?.store.get(node.eventId);
        return event ? eventAudits(event).map((audit, index) => ({ kind: 'audit', sourceId: node.sourceId, eventId: event.id, index, audit })) : [];
      }
      default:
        return [];
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    const nodes = this.sources.get(node.sourceId) && this.nodesOf(node.sourceId);
    if (!nodes) return undefined;
    const asNode = this.sourcesAsNodes().length > 0 ? nodes.node : undefined;
    switch (node.kind) {
      case 'source':
        return undefined;
      case 'group':
      case 'message':
        return asNode;
      case 'event': {
        const event = this.sources.get(node.sourceId)?.store.get(node.eventId);
        return event && nodes.groups[event.status];
      }
      case 'audit':
        return nodes.pages.eventNode(node.eventId);
      case 'more':
        return nodes.groups[node.status];
    }
  }

  showMore(sourceId: string, status: EventStatus): void {
    const nodes = this.nodesOf(sourceId);
    nodes.pages.showMore(status);
    this.changeEmitter.fire(nodes.groups[status]);
  }

  /** The node for an event, paging its group far enough for it to be shown; undefined when filtered out or unknown. */
  revealableNode(sourceId: string, eventId: string): EventNode | undefined {
    const event = this.sources.get(sourceId)?.store.get(eventId);
    if (!event) return undefined;
    const index = this.view.list(sourceId, event.status).indexOf(event);
    if (index < 0) return undefined;
    const nodes = this.nodesOf(sourceId);
    if (nodes.pages.pageTo(event.status, index)) this.changeEmitter.fire(nodes.groups[event.status]);
    return nodes.pages.eventNode(eventId);
  }

  /** The source's own node, shown while there are several sources or any file. */
  sourceNode(sourceId: string): SourceNode {
    return this.nodesOf(sourceId).node;
  }

  eventNode(sourceId: string, eventId: string): EventNode {
    return this.nodesOf(sourceId).pages.eventNode(eventId);
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.changeEmitter.dispose();
  }

  /** Why the text filter kept the event, while one is active. */
  private matched(event: PtaEvent): string | undefined {
    const text = this.view.currentFilter.text?.trim();
    return text ? matchReason(event, text) : undefined;
  }

  private sourceChildren(source: EventSource): TreeNode[] {
    const message = (role: MessageNode['role']): MessageNode => ({ kind: 'message', sourceId: source.id, role });
    switch (source.state.kind) {
      case 'signedOut':
        return this.sourcesAsNodes().length > 0 ? [message('signIn')] : [];
      case 'failed':
        return [message('failed'), message('retry')];
      case 'loading':
        return source.store.size === 0 ? [message('loading')] : this.groupsOf(source.id);
      default:
        return this.groupsOf(source.id);
    }
  }

  private groupsOf(sourceId: string): TreeNode[] {
    const { groups } = this.nodesOf(sourceId);
    return [groups.OPEN, groups.CLOSED];
  }

  private nodesOf(sourceId: string) {
    let nodes = this.perSource.get(sourceId);
    if (!nodes) {
      nodes = {
        node: { kind: 'source', sourceId },
        groups: { OPEN: { kind: 'group', sourceId, status: 'OPEN' }, CLOSED: { kind: 'group', sourceId, status: 'CLOSED' } },
        pages: new GroupPages(sourceId, (status) => this.view.list(sourceId, status)),
      };
      this.perSource.set(sourceId, nodes);
    }
    return nodes;
  }
}

/** Keeps VS Code from folding a group or source row when Up or Down selects it (see cyberarkPta.selectRow). */
const SELECT_ROW: vscode.Command = { command: 'cyberarkPta.selectRow', title: 'Select' };

/** The vault's live PSM session behind an open event; files have none. */
function liveSessionOf(source: EventSource, event: PtaEvent) {
  return source instanceof VaultSource ? source.liveSessions.matchOf(event)?.session : undefined;
}

/** `event:open:triage:pvwa:lookalikes`: menus match the tokens with regular expressions. */
function eventContext(status: EventStatus, source: EventSource, hasLookAlikes: boolean, psm: boolean): string {
  return ['event', status === 'OPEN' ? 'open' : 'closed', source.capabilities.triage && 'triage', source.capabilities.openInPvwa && 'pvwa', hasLookAlikes && 'lookalikes', psm && 'psm']
    .filter(Boolean)
    .join(':');
}
