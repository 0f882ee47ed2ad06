import * as vscode from 'vscode';
import { inertQuickPick } from '../util/inertText';
import { displayText, readableEventType } from '../model/format';
import { EventFilter, SortOrder } from '../store/eventFilter';
import { accountKey } from '../model/entities';
import { EventStatus } from '../model/ptaEvent';
import { FilterPart, filterParts, withoutPart } from '../store/filterDescription';
import { Services } from '../services';

export function registerFilterCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('cyberarkPta.filterEvents', (args?: unknown) => filterEvents(services, args)),
    vscode.commands.registerCommand('cyberarkPta.filterByText', () => askText(services, services.view.currentFilter)),
    vscode.commands.registerCommand('cyberarkPta.clearFilter', () => clearFilter(services)),
    vscode.commands.registerCommand('cyberarkPta.sortByScore', () => setSort(services, 'score')),
    vscode.commands.registerCommand('cyberarkPta.sortByUpdate', () => setSort(services, 'updated')),
    vscode.commands.registerCommand('cyberarkPta.showEventsForAccount', (node: unknown) => showEventsForAccount(services, node)),
  ];
}

/**
 * Only an object naming a filter field counts: the view's title button passes the focused tree
 * node, which must open the menu rather than clear the filter.
 */
function isFilterArgument(args: unknown): args is Record<string, unknown> {
  return !!args && typeof args === 'object' && !('kind' in args) && ['minScore', 'types', 'text'].some((key) => key in args);
}

type FilterStep = 'minScore' | 'types' | 'text' | 'status' | 'sources' | 'clear' | 'remove';

/** Applies a filter given as arguments (keybindings, scripts), else asks what to narrow by. */
async function filterEvents(services: Services, args: unknown): Promise<void> {
  if (isFilterArgument(args)) {
    const { minScore, types, text } = args as Record<string, unknown>;
    await setClientFilter(services, {
      minScore: typeof minScore === 'number' && minScore > 0 ? Math.min(100, minScore) : undefined,
      types: Array.isArray(types) ? types.filter((t): t is string => typeof t === 'string') : undefined,
      text: typeof text === 'string' ? text : undefined,
    });
    return;
  }
  const filter = services.view.currentFilter;
  const items: Array<vscode.QuickPickItem & { step: FilterStep; part?: FilterPart }> = [
    { step: 'minScore', label: '$(dashboard) Minimum score…', description: filter.minScore ? `now ${filter.minScore}` : 'any score' },
    { step: 'types', label: '$(symbol-enum) Event types…', description: filter.types?.length ? `${filter.types.length} chosen` : 'all types' },
    { step: 'text', label: '$(search) Text…', description: filter.text ? inertQuickPick(`now "${displayText(filter.text, 30)}"`) : 'users, accounts, addresses, commands, data' },
    { step: 'status', label: '$(filter) Status…', description: filter.status ? `${filter.status.toLowerCase()} only` : 'open and closed' },
  ];
  if (services.sources.all().length > 1) {
    items.push({ step: 'sources', label: '$(server) Vaults and files…', description: filter.sources?.length ? `${filter.sources.length} chosen` : 'all' });
  }
  const parts = filterParts(filter, (id) => services.sources.get(id)?.label ?? id);
  if (parts.length > 0) {
    items.push({ step: 'remove', label: 'Active filter', kind: vscode.QuickPickItemKind.Separator });
    for (const { part, text } of parts) items.push({ step: 'remove', part, label: '$(close) Remove', description: inertQuickPick(text) });
    items.push({ step: 'clear', label: '$(clear-all) Clear all filters' });
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Filter PTA Events', placeHolder: 'Narrow the list by…, or remove a part of the filter' });
  if (!picked) return;
  switch (picked.step) {
    case 'remove':
      return picked.part && setClientFilter(services, withoutPart(filter, picked.part));
    case 'minScore':
      return askMinScore(services, filter);
    case 'types':
      return askTypes(services, filter);
    case 'text':
      return askText(services, filter);
    case 'status':
      return askStatus(services, filter);
    case 'sources':
      return askSources(services, filter);
    case 'clear':
      return clearFilter(services);
  }
}

async function askMinScore(services: Services, filter: EventFilter): Promise<void> {
  const value = await vscode.window.showInputBox({
    title: 'Minimum score',
    prompt: 'Show only events scoring at least this (0 to 100; 0 shows all).',
    value: filter.minScore ? String(filter.minScore) : '',
    placeHolder: 'e.g. 70',
    validateInput: (v) => (v.trim() === '' || (/^\d+(\.\d+)?$/.test(v.trim()) && Number(v) <= 100) ? undefined : 'Enter a number from 0 to 100.'),
  });
  if (value === undefined) return;
  const minScore = Number(value.trim() || '0');
  await setClientFilter(services, { ...filter, minScore: minScore > 0 ? minScore : undefined });
}

async function askTypes(services: Services, filter: EventFilter): Promise<void> {
  const chosen = new Set(filter.types ?? []);
  const picked = await vscode.window.showQuickPick(
    services.view.typesPresent().map(({ type, count }) => ({
      label: inertQuickPick(displayText(readableEventType(type), 80)),
      description: inertQuickPick(`${count} · ${displayText(type, 60)}`),
      picked: chosen.has(type),
      type,
    })),
    { title: 'Event types', placeHolder: 'Choose the types to show (none chosen shows all)', canPickMany: true, matchOnDescription: true },
  );
  if (!picked) return;
  await setClientFilter(services, { ...filter, types: picked.map((p) => p.type) });
}

/** The list narrows as the analyst types; Escape restores the filter that was there before. */
async function askText(services: Services, filter: EventFilter): Promise<void> {
  const input = vscode.window.createInputBox();
  input.title = 'Filter by text';
  input.prompt = 'Matched anywhere in the event: type, users, accounts, addresses, commands, additional data.';
  input.value = filter.text ?? '';
  let accepted = false;
  await new Promise<void>((resolve) => {
    input.onDidChangeValue((text) => showFiltered(services, { ...filter, text }));
    input.onDidAccept(() => {
      accepted = true;
      input.hide();
    });
    input.onDidHide(() => resolve());
    input.show();
  });
  input.dispose();
  await setClientFilter(services, accepted ? { ...filter, text: input.value } : filter);
}

async function askStatus(services: Services, filter: EventFilter): Promise<void> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Open and closed', status: undefined as EventStatus | undefined },
      { label: 'Open only', status: 'OPEN' as const },
      { label: 'Closed only', status: 'CLOSED' as const },
    ],
    { title: 'Status', placeHolder: 'Which events to show' },
  );
  if (picked) await setClientFilter(services, { ...filter, status: picked.status });
}

async function askSources(services: Services, filter: EventFilter): Promise<void> {
  const chosen = new Set(filter.sources ?? []);
  const picked = await vscode.window.showQuickPick(
    services.sources.all().map((source) => ({
      label: inertQuickPick(displayText(source.label, 60)),
      description: `${source.kind === 'vault' ? 'vault' : 'file'} · ${source.store.count('OPEN')} open`,
      picked: chosen.has(source.id),
      sourceId: source.id,
    })),
    { title: 'Vaults and files', placeHolder: 'Choose the sources to show (none chosen shows all)', canPickMany: true },
  );
  if (picked) await setClientFilter(services, { ...filter, sources: picked.map((p) => p.sourceId) });
}

/** From an audit's context menu: a view filter on that account, named by its name; the counts stay the vault's. */
async function showEventsForAccount(services: Services, node: unknown): Promise<void> {
  const { sourceId, audit } = (node ?? {}) as { sourceId?: unknown; audit?: { account?: unknown; accountId?: unknown } };
  const name = typeof audit?.account === 'string' && audit.account ? audit.account : typeof audit?.accountId === 'string' ? audit.accountId : undefined;
  if (typeof sourceId !== 'string' || !name) return;
  const accountId = typeof audit?.accountId === 'string' ? audit.accountId : undefined;
  await setClientFilter(services, { ...services.view.currentFilter, entity: { kind: 'account', key: `account:${accountKey(name)}`, label: name, accountId, sourceId } });
}

async function clearFilter(services: Services): Promise<void> {
  await setClientFilter(services, {});
}

async function setClientFilter(services: Services, filter: EventFilter): Promise<void> {
  services.view.setFilter(filter);
}

function showFiltered(services: Services, filter: EventFilter): void {
  services.view.setFilter(filter, { transient: true });
}

function setSort(services: Services, order: SortOrder): void {
  services.view.setSortOrder(order);
}
