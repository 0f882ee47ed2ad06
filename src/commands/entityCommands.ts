import * as vscode from 'vscode';
import { Entity } from '../model/entities';
import { displayText } from '../model/format';
import { normalizeEvent, PtaEvent } from '../model/ptaEvent';
import { VaultSource } from '../sources/vault/vaultSource';
import { Services } from '../services';
import * as inertWindow from '../ui/inertWindow';

/** An entity as the details panel and the Entities view name it: its source and key. */
export interface EntityTarget {
  readonly sourceId: string;
  readonly key: string;
}

export interface AccountHistoryOutcome {
  /** Events the vault sent for the account. */
  readonly received: number;
  /** Of those, the ones the source did not hold before. */
  readonly added: number;
}

/** Pivots on an entity: the Events view filtered to it, and an account's full history from its vault. */
export function registerEntityCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('cyberarkPta.filterToEntity', (arg: unknown) => filterToEntity(services, arg)),
    vscode.commands.registerCommand('cyberarkPta.loadAccountHistory', (arg: unknown) => loadAccountHistory(services, arg)),
  ];
}

/**
 * Sets the Events view's filter to the entity (shown and cleared like every filter) and brings
 * the view forward, since the pivot may come from a panel with the side bar closed; false when
 * the entity is unknown.
 */
function filterToEntity(services: Services, arg: unknown): boolean {
  const entity = resolve(services, arg);
  if (!entity) return false;
  services.view.setFilter({ ...services.view.currentFilter, entity: { ...entityFilter(entity.entity), sourceId: entity.sourceId } });
  void vscode.commands.executeCommand('cyberarkPta.events.focus');
  return true;
}

/**
 * Asks the vault for every event of the account (the `accountID` query), merges them into the
 * vault's list and filters the Events view to the account. Events updated after the vault's last
 * refresh are left to the next refresh: merging them would move the refresh cursor past other
 * events changed in between.
 */
async function loadAccountHistory(services: Services, arg: unknown): Promise<AccountHistoryOutcome | undefined> {
  const found = resolve(services, arg);
  const source = found && services.sources.get(found.sourceId);
  const accountId = found?.entity.kind === 'account' ? found.entity.accountId : undefined;
  if (!found || !accountId || !(source instanceof VaultSource)) return undefined;
  const name = displayText(found.entity.label, 60);
  if (!source.session.isSignedIn) {
    void inertWindow.showInformationMessage(`Sign in to ${displayText(source.label, 40)} to load the history of ${name}.`);
    return undefined;
  }
  let raw: unknown[];
  const generation = source.session.generation;
  try {
    raw = await inertWindow.withProgress({ location: { viewId: 'cyberarkPta.events' }, title: `History of ${name}` }, () =>
      source.session.call((client, token) => client.getEvents(token, { accountId })),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    void inertWindow.showErrorMessage(`The history of ${name} could not be loaded: ${message}`);
    return undefined;
  }
  if (source.session.generation !== generation) return undefined;
  // Newer than the refresh cursor: the next refresh brings those, with everything else that changed.
  const cursor = source.refreshCursor;
  const events = raw.map((item) => normalizeEvent(item)).filter((event): event is PtaEvent => !!event && event.lastUpdateTime <= cursor);
  const change = source.store.merge(events);
  filterToEntity(services, { sourceId: found.sourceId, key: found.entity.key });
  const outcome = { received: raw.length, added: change.added.length };
  inertWindow.setStatusBarMessage(`${name}: ${outcome.received} events from ${displayText(source.label, 40)}, ${outcome.added} not loaded before`, 5000);
  return outcome;
}

function resolve(services: Services, arg: unknown): { sourceId: string; entity: Entity } | undefined {
  const { sourceId, key } = (arg ?? {}) as Partial<Record<keyof EntityTarget, unknown>>;
  if (typeof sourceId !== 'string' || typeof key !== 'string') return undefined;
  const entity = services.indexes.of(sourceId)?.entity(key);
  return entity && { sourceId, entity };
}

function entityFilter(entity: Entity): Pick<Entity, 'kind' | 'key' | 'label' | 'accountId'> {
  return { kind: entity.kind, key: entity.key, label: entity.label, ...(entity.accountId ? { accountId: entity.accountId } : {}) };
}
