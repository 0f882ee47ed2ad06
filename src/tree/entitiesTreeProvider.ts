import * as vscode from 'vscode';
import { EntityIndexes } from '../derived/entityIndexes';
import { EntityWithStats } from '../derived/entityIndex';
import { ENTITY_KINDS } from '../derived/overviewAggregates';
import { EntityKind } from '../model/entities';
import { displayText, formatScore, riskBand } from '../model/format';
import { PtaEvent } from '../model/ptaEvent';
import { EventSource } from '../sources/eventSource';
import { EventSources } from '../sources/eventSources';
import { EventView } from '../store/eventView';
import { eventItem } from './treeItems';
import { treeItemId } from './treeItemId';

/** Tree elements: plain data naming their source; ids are built from the source id and the entity key. */
export type EntitiesNode =
  | { readonly kind: 'source'; readonly sourceId: string }
  | { readonly kind: 'group'; readonly sourceId: string; readonly entityKind: EntityKind }
  | { readonly kind: 'entity'; readonly sourceId: string; readonly entityKind: EntityKind; readonly key: string }
  | { readonly kind: 'event'; readonly sourceId: string; readonly key: string; readonly eventId: string }
  /** The end of a list cut at its limit. */
  | { readonly kind: 'more'; readonly sourceId: string; readonly key: string; readonly remaining: number };

const GROUP_NAMES: Record<EntityKind, string> = { account: 'Accounts', user: 'Vault users', host: 'Hosts' };
const KIND_ICONS: Record<EntityKind, string> = { account: 'key', user: 'person', host: 'server' };
/** Entities shown per kind, and events per entity: the rest is one filter away. */
export const ENTITIES_SHOWN_MAX = 100;
export const EVENTS_SHOWN_MAX = 100;

/**
 * The Entities view: each source's accounts, vault users and hosts, ranked by open risk (highest
 * open score, then open count) over the events the Events view shows (its filter applies), each
 * expanding to those events, open first by score. Entities are per source, never merged across
 * sources. Rankings are computed once per change of the view or the indexes.
 */
export class EntitiesTreeProvider implements vscode.TreeDataProvider<EntitiesNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<EntitiesNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly rankings = new Map<string, { list: readonly EntityWithStats[]; byKey: ReadonlyMap<string, EntityWithStats> }>();
  private readonly shownIds = new Map<string, ReadonlySet<string>>();
  private readonly subscriptions: Array<{ dispose(): void }> = [];

  constructor(
    private readonly sources: EventSources,
    private readonly view: EventView,
    private readonly indexes: EntityIndexes,
    private readonly now: () => number = Date.now,
  ) {
    this.subscriptions.push(
      view.onDidChange(() => this.refresh()),
      indexes.onDidChange(() => this.refresh()),
      sources.onDidChangeState(() => this.refresh()),
      sources.onDidChangeSources(() => this.refresh()),
    );
  }

  refresh(): void {
    this.rankings.clear();
    this.shownIds.clear();
    this.changeEmitter.fire(undefined);
  }

  /** The source's entities of one kind, ranked over the shown events (every one, up to `ENTITIES_SHOWN_MAX`). */
  ranked(sourceId: string, kind: EntityKind): EntityWithStats[] {
    return this.rankingOf(sourceId).list.filter((r) => r.entity.kind === kind);
  }

  /** The entity's events the Events view shows: open first by score, then closed, newest update first. */
  eventsOf(sourceId: string, key: string): PtaEvent[] {
    const shown = this.shownIdsOf(sourceId);
    const events = this.indexes.of(sourceId)?.events(key).filter((e) => shown.has(e.id)) ?? [];
    const open = events.filter((e) => e.status === 'OPEN').sort((a, b) => b.score - a.score);
    return [...open, ...events.filter((e) => e.status === 'CLOSED')];
  }

  getChildren(node?: EntitiesNode): EntitiesNode[] {
    if (!node) {
      const shown = this.shownSources();
      if (shown.length === 1 && this.sources.all().filter((s) => !s.isPlaceholder).length === 1) return this.groupsOf(shown[0].id);
      return shown.map((s) => ({ kind: 'source', sourceId: s.id }));
    }
    switch (node.kind) {
      case 'source':
        return this.groupsOf(node.sourceId);
      case 'group': {
        const ranked = this.ranked(node.sourceId, node.entityKind);
        const shown: EntitiesNode[] = ranked.slice(0, ENTITIES_SHOWN_MAX).map((r) => ({ kind: 'entity', sourceId: node.sourceId, entityKind: r.entity.kind, key: r.entity.key }));
        if (ranked.length > ENTITIES_SHOWN_MAX) shown.push({ kind: 'more', sourceId: node.sourceId, key: `group:${node.entityKind}`, remaining: ranked.length - ENTITIES_SHOWN_MAX });
        return shown;
      }
      case 'entity': {
        const events = this.eventsOf(node.sourceId, node.key);
        const shown: EntitiesNode[] = events.slice(0, EVENTS_SHOWN_MAX).map((e) => ({ kind: 'event', sourceId: node.sourceId, key: node.key, eventId: e.id }));
        if (events.length > EVENTS_SHOWN_MAX) shown.push({ kind: 'more', sourceId: node.sourceId, key: node.key, remaining: events.length - EVENTS_SHOWN_MAX });
        return shown;
      }
      default:
        return [];
    }
  }

  getTreeItem(node: EntitiesNode): vscode.TreeItem {
    const source = this.sources.get(node.sourceId);
    switch (node.kind) {
      case 'source': {
        const item = new vscode.TreeItem(displayText(source?.label ?? node.sourceId, 80), vscode.TreeItemCollapsibleState.Expanded);
        item.id = treeItemId('entities-source', node.sourceId);
        item.description = source?.kind === 'file' ? 'file' : 'vault';
        item.iconPath = new vscode.ThemeIcon(source?.kind === 'file' ? 'file' : 'server');
        return item;
      }
      case 'group': {
        const count = this.ranked(node.sourceId, node.entityKind).length;
        const item = new vscode.TreeItem(GROUP_NAMES[node.entityKind], count > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.id = treeItemId('entities-group', node.sourceId, node.entityKind);
        item.description = String(count);
        item.iconPath = new vscode.ThemeIcon(KIND_ICONS[node.entityKind]);
        item.contextValue = 'entityGroup';
        return item;
      }
      case 'entity':
        return this.entityItem(node, source);
      case 'event': {
        const event = source?.store.get(node.eventId);
        if (!event) return new vscode.TreeItem('Event no longer available');
        const item = eventItem(event, this.now());
        item.collapsibleState = vscode.TreeItemCollapsibleState.None;
        item.id = treeItemId('entities-event', node.sourceId, node.key, node.eventId);
        item.contextValue = 'entityEvent';
        item.command = { command: 'cyberarkPta.showEventDetails', title: 'Show Event Details', arguments: [{ sourceId: node.sourceId, eventId: node.eventId, preview: true }] };
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(`${node.remaining.toLocaleString('en-US')} more`, vscode.TreeItemCollapsibleState.None);
        item.id = treeItemId('entities-more', node.sourceId, node.key);
        item.description = node.key.startsWith('group:') ? 'narrow the Events view to see them' : 'filter the Events view to this entity to see them';
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        return item;
      }
    }
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.changeEmitter.dispose();
  }

  private entityItem(node: Extract<EntitiesNode, { kind: 'entity' }>, source: EventSource | undefined): vscode.TreeItem {
    const stats = this.rankingOf(node.sourceId).byKey.get(node.key);
    if (!stats) return new vscode.TreeItem('Entity no longer in the list');
    const { entity, open, closed, highestOpenScore } = stats;
    const item = new vscode.TreeItem(displayText(entity.label, 80), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = treeItemId('entity', node.sourceId, node.key);
    const figures = [
      open > 0 ? `${open} open` : undefined,
      highestOpenScore !== undefined ? `highest ${formatScore(highestOpenScore)}` : undefined,
      closed > 0 ? `${closed} closed` : undefined,
    ].filter(Boolean);
    item.description = [entity.ip && displayText(entity.ip, 45), ...figures].filter(Boolean).join(' · ');
    item.tooltip = [
      `${GROUP_NAMES[entity.kind].replace(/s$/, '')}: ${displayText(entity.label, 200)}`,
      entity.ip && `IP: ${displayText(entity.ip, 45)}`,
      entity.accountId && `Account ID: ${displayText(entity.accountId, 60)}`,
      `${open} open${highestOpenScore !== undefined ? `, highest score ${formatScore(highestOpenScore)}` : ''}; ${closed} closed`,
      source && this.sources.all().length > 1 ? `In ${displayText(source.label, 60)}` : undefined,
    ]
      .filter(Boolean)
      .join('\n');
    const colour = highestOpenScore !== undefined ? `cyberarkPta.risk.${riskBand(highestOpenScore)}` : 'descriptionForeground';
    item.iconPath = new vscode.ThemeIcon(KIND_ICONS[entity.kind], new vscode.ThemeColor(colour));
    const history = entity.kind === 'account' && !!entity.accountId && source?.kind === 'vault';
    item.contextValue = `entity:${entity.kind}${history ? ':history' : ''}`;
    item.accessibilityInformation = { label: `${GROUP_NAMES[entity.kind].replace(/s$/, '')} ${displayText(entity.label, 80)}, ${figures.join(', ') || 'no open event'}` };
    return item;
  }

  private shownSources(): EventSource[] {
    return this.sources.all().filter((s) => !s.isPlaceholder && s.store.size > 0 && this.view.showsSource(s.id));
  }

  private groupsOf(sourceId: string): EntitiesNode[] {
    return ENTITY_KINDS.map((entityKind) => ({ kind: 'group', sourceId, entityKind }));
  }

  private rankingOf(sourceId: string) {
    let ranking = this.rankings.get(sourceId);
    if (!ranking) {
      const index = this.indexes.of(sourceId);
      const within = this.view.isFiltered ? [...this.view.list(sourceId, 'OPEN'), ...this.view.list(sourceId, 'CLOSED')] : undefined;
      const list = index ? index.ranking(within ? { within } : {}) : [];
      ranking = { list, byKey: new Map(list.map((r) => [r.entity.key, r])) };
      this.rankings.set(sourceId, ranking);
    }
    return ranking;
  }

  private shownIdsOf(sourceId: string): ReadonlySet<string> {
    let ids = this.shownIds.get(sourceId);
    if (!ids) {
      ids = new Set([...this.view.list(sourceId, 'OPEN'), ...this.view.list(sourceId, 'CLOSED')].map((e) => e.id));
      this.shownIds.set(sourceId, ids);
    }
    return ids;
  }
}
