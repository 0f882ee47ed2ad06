import * as vscode from 'vscode';
import { PtaEvent } from '../model/ptaEvent';
import { EventRef, refKey } from '../sources/eventSource';
import { EventSource } from '../sources/eventSource';
import { SourcedEvent } from '../sources/eventSources';
import { Services } from '../services';
import { EventNode } from '../tree/treeNodes';

/**
 * The triage loop from the keyboard: the next or previous open event, and, after a close, the
 * selection and preview moving on to the next open event instead of following the closed one.
 */
export function registerLoopCommands(services: Services): vscode.Disposable[] {
  const updateSelectionKeys = () => setSelectionKeys(services);
  return [
    vscode.commands.registerCommand('cyberarkPta.nextOpenEvent', () => step(services, 1)),
    vscode.commands.registerCommand('cyberarkPta.previousOpenEvent', () => step(services, -1)),
    // A group's or a vault's row carries this command only because VS Code folds a selected row that
    // has none: with it, Up and Down (which select as they move) never fold; Left and Right still do.
    vscode.commands.registerCommand('cyberarkPta.selectRow', () => undefined),
    services.treeView.onDidChangeSelection(updateSelectionKeys),
    new vscode.Disposable(services.sources.onDidChangeEvents(updateSelectionKeys).dispose),
  ];
}

/** Where a close started in the list, taken before it is sent. */
export interface LoopPlace {
  readonly sourceId: string;
  /** The source's open events as shown before the close. */
  readonly list: readonly PtaEvent[];
  readonly index: number;
  readonly closing: ReadonlySet<string>;
}

/**
 * The place of the events about to be closed, when the analyst is looking at one of them (selected
 * in the tree or shown in the preview); undefined otherwise, and then nothing moves afterwards.
 */
export function loopPlace(services: Services, events: readonly SourcedEvent[]): LoopPlace | undefined {
  const keys = new Set(events.map(({ source, event }) => refKey({ sourceId: source.id, eventId: event.id })));
  const looking =
    services.treeView.selection.some((node) => 'eventId' in node && keys.has(refKey(node))) ||
    (services.panels.preview !== undefined && keys.has(refKey(services.panels.preview.ref)));
  if (!looking) return undefined;
  const sourceId = events[0].source.id;
  const list = services.view.list(sourceId, 'OPEN');
  const closing = new Set(events.filter(({ source }) => source.id === sourceId).map(({ event }) => event.id));
  const index = list.findIndex((e) => closing.has(e.id));
  return index < 0 ? undefined : { sourceId, list, index, closing };
}

/** After the close: the next open event after the place (else the one before it) is selected, focused and previewed. */
export async function moveOnFrom(services: Services, place: LoopPlace): Promise<EventRef | undefined> {
  const stillOpen = (event: PtaEvent) => !place.closing.has(event.id) && services.sources.get(place.sourceId)?.store.get(event.id)?.status === 'OPEN';
  const candidates = [...place.list.slice(place.index + 1), ...place.list.slice(0, place.index).reverse()];
  for (const event of candidates) {
    if (!stillOpen(event)) continue;
    const node = services.tree.revealableNode(place.sourceId, event.id);
    if (!node) continue;
    await select(services, node);
    return node;
  }
  return undefined;
}

async function step(services: Services, direction: 1 | -1): Promise<EventRef | undefined> {
  const next = neighbour(services, current(services), direction);
  const node = next && services.tree.revealableNode(next.sourceId, next.eventId);
  if (node) await select(services, node);
  return node;
}

async function select(services: Services, node: EventNode): Promise<void> {
  await services.treeView.reveal(node, { select: true, focus: true, expand: false });
}

/** The event the analyst is on: the tree's selection (an audit counts as its event), else the preview's. */
function current(services: Services): EventRef | undefined {
  const selected = services.treeView.selection.find((node) => 'eventId' in node);
  if (selected && 'eventId' in selected) return { sourceId: selected.sourceId, eventId: selected.eventId };
  return services.panels.preview?.ref;
}

/** The sources in the order the view shows them (one vault shown as the view itself). */
function shownSources(services: Services): readonly EventSource[] {
  const asNodes = services.tree.sourcesAsNodes();
  const sources = asNodes.length > 0 ? asNodes : services.sources.all().filter((s) => s.kind === 'vault').slice(0, 1);
  return sources.filter((s) => services.view.showsSource(s.id));
}

/**
 * The open event `direction` steps from `from` in the view's order, source after source; from a
 * closed event, the first (or last) open one of its source; from nothing, the first (or last) of all.
 */
function neighbour(services: Services, from: EventRef | undefined, direction: 1 | -1): EventRef | undefined {
  const lists = shownSources(services).map((s) => ({ sourceId: s.id, list: services.view.list(s.id, 'OPEN') }));
  let at = from ? lists.findIndex((l) => l.sourceId === from.sourceId) : -1;
  let index = at >= 0 && from ? lists[at].list.findIndex((e) => e.id === from.eventId) : -1;
  if (at < 0) at = direction === 1 ? 0 : lists.length - 1;
  if (index < 0) index = direction === 1 ? -1 : (lists[at]?.list.length ?? 0);
  for (; at >= 0 && at < lists.length; at += direction) {
    const next = lists[at].list[index + direction];
    if (next) return { sourceId: lists[at].sourceId, eventId: next.id };
    const following = lists[at + direction];
    index = direction === 1 ? -1 : (following?.list.length ?? 0);
  }
  return undefined;
}

/** `cyberarkPta.selectedStatus`: `open`, `closed` or `mixed` for the events selected, '' for none; the loop's keys need it. */
function setSelectionKeys(services: Services): void {
  const statuses = new Set<string>();
  for (const node of services.treeView.selection) {
    if (node.kind !== 'event') continue;
    const event = services.sources.get(node.sourceId)?.store.get(node.eventId);
    if (event) statuses.add(event.status === 'OPEN' ? 'open' : 'closed');
  }
  const status = statuses.size === 0 ? '' : statuses.size > 1 ? 'mixed' : [...statuses][0];
  void vscode.commands.executeCommand('setContext', 'cyberarkPta.selectedStatus', status);
}
