import * as vscode from 'vscode';
import { inputPrompts } from './auth/inputPrompts';
import { PasswordStore } from './auth/passwordStore';
import { registerEventCommands } from './commands/eventCommands';
import { registerLoopCommands } from './commands/loopCommands';
import { TRIAGE_REPORT_SCHEME, TriageReports } from './commands/triageReports';
import { readSettings, SECTION } from './config';
import { runDetailsRequest } from './details/detailsRequests';
import { EventDetailsPanels } from './details/eventDetailsPanels';
import { RAW_JSON_SCHEME, RawJsonDocuments } from './details/rawJsonDocuments';
import { CompareDocuments } from './files/compareDocuments';
import { registerDocumentEventLenses } from './files/documentEvents';
import { registerEventHovers } from './files/eventHoverProvider';
import { PtaDocuments } from './files/ptaDocuments';
import { registerTreatedDocumentChecks } from './files/treatedDocumentChecks';
import { Log } from './log';
import { onListenerError } from './util/emitter';
import { registerOverview } from './overview/registerOverview';
import { EntityIndexes } from './derived/entityIndexes';
import { EventSources } from './sources/eventSources';
import { vaultNotices } from './sources/vault/vaultNotices';
import { VaultSources } from './sources/vault/vaultSources';
import { STORAGE_KEYS } from './storageKeys';
import { EventFilter, SortOrder } from './store/eventFilter';
import { EventView } from './store/eventView';
import { SearchWarmer } from './store/searchWarmer';
import { NewEventAlerts } from './sync/newEventAlerts';
import { EventsTreeProvider } from './tree/eventsTreeProvider';
import { EventsViewChrome } from './tree/eventsViewChrome';
import { registerEntitiesView } from './tree/registerEntitiesView';
import { revealEvents } from './tree/revealEvents';
import { TreeNode } from './tree/treeNodes';
import { publicApi } from './publicApi';
import { createRespond } from './respond/respond';
import { Services } from './services';
import { registerCommandsOnFirstUse } from './startup/commandsOnFirstUse';
import { openWalkthroughOnFirstStart } from './ui/firstStart';
import * as inertWindow from './ui/inertWindow';

let activeServices: Services | undefined;

/** The composition root: builds the objects and wires them; the state and logic live in the modules. */
export async function activate(context: vscode.ExtensionContext): Promise<Services | undefined> {
  const log = new Log();
  onListenerError((error) => log.error(`A view failed to follow a change: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  const sources = new EventSources();
  const indexes = new EntityIndexes(sources);
  const view = new EventView(
    sources,
    (sourceId, event) => indexes.keysOf(sourceId, event.id),
    (filter, order) => {
      void context.workspaceState.update(STORAGE_KEYS.filter, filter);
      void context.workspaceState.update(STORAGE_KEYS.sortOrder, order);
    },
    (sourceId, key) => indexes.of(sourceId)?.events(key) ?? [],
  );
  view.restore(context.workspaceState.get<EventFilter>(STORAGE_KEYS.filter, {}), context.workspaceState.get<SortOrder>(STORAGE_KEYS.sortOrder, 'updated'));
  const searchWarmer = new SearchWarmer(sources, view, (sourceId) => indexes.whenBuilt(sourceId));
  const tree = new EventsTreeProvider(sources, view, indexes);
  const treeView = vscode.window.createTreeView<TreeNode>('cyberarkPta.events', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const passwords = new PasswordStore(context.secrets, (message) => {
    log.warn(message);
    void inertWindow.showWarningMessage(message);
  });
  const alerts = new NewEventAlerts(() => readSettings().notifyMinScore, (refs) => revealEvents(tree, treeView, refs));
  const vaults = new VaultSources(sources, {
    globalState: context.globalState,
    log,
    passwords,
    prompts: inputPrompts,
    notices: vaultNotices,
    onNewEvents: (vault, events) => {
      const message = alerts.announce(vault.id, vaults.all().length > 1 ? vault.label : undefined, events);
      if (message) log.info(`Announced: ${message}`);
    },
  }, log);
  await vaults.sync();
  // Files are not reopened with the window and vaults get removed and renamed: a filter naming one must not hide the others.
  const dropMissingSources = () => {
    for (const id of view.dropMissingSources()) log.info(`The filter named ${id}, which no longer exists: it was taken out of the filter.`);
  };
  dropMissingSources();
  const missingSourcesWatch = sources.onDidChangeSources(dropMissingSources);

  const panels = new EventDetailsPanels(vscode.Uri.joinPath(context.extensionUri, 'media'), sources, indexes, runDetailsRequest);
  const rawJson = new RawJsonDocuments(sources);
  const chrome = new EventsViewChrome(treeView, tree, sources, view);
  const respond = createRespond({ context, sources, vaults, panels });
  const core = { context, log, passwords, sources, vaults, indexes, view, tree, treeView, chrome, panels, respond: respond.respond };
  const overview = registerOverview(core);
  const entities = registerEntitiesView(core);
  const services: Services = { ...core, overview: overview.provider, entities: entities.provider };
  const ptaDocuments = new PtaDocuments();
  const comparisons = new CompareDocuments();
  const reports = new TriageReports();

  context.subscriptions.push(
    log,
    tree,
    treeView,
    vaults,
    indexes,
    sources,
    view,
    new vscode.Disposable(missingSourcesWatch.dispose),
    searchWarmer,
    new vscode.Disposable(indexes.onDidChange((sourceId) => view.entitiesChanged(sourceId)).dispose),
    // A vault's version shows on its node and in the status bar; its live sessions mark rows.
    new vscode.Disposable(
      vaults.onDidChangeRespondState(() => {
        tree.refresh();
        chrome.update();
      }).dispose,
    ),
    panels,
    rawJson,
    chrome,
    vscode.workspace.registerTextDocumentContentProvider(RAW_JSON_SCHEME, rawJson),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.autoRefreshSeconds`)) for (const vault of vaults.all()) vault.refresh.reschedule();
    }),
    ...overview.disposables,
    ...entities.disposables,
    ...respond.disposables,
    ...registerEventCommands(services),
    ...registerLoopCommands(services),
    registerCommandsOnFirstUse((code) => code.registerCommands(services, { documents: ptaDocuments, comparisons, reports })),
    vscode.workspace.registerTextDocumentContentProvider(TRIAGE_REPORT_SCHEME, reports),
    ptaDocuments,
    comparisons,
    registerEventHovers(ptaDocuments),
    ...registerTreatedDocumentChecks(ptaDocuments, vscode.Uri.joinPath(context.extensionUri, 'schemas', 'pta-events.schema.json')),
    registerDocumentEventLenses(ptaDocuments, sources),
  );
  activeServices = services;
  openWalkthroughOnFirstStart(context);
  return publicApi(context.extensionMode, services);
}

/** Logs every vault off with a short time limit, so closing the window is not held up by a slow vault. */
export async function deactivate(): Promise<void> {
  await Promise.all(activeServices?.vaults.all().map((vault) => vault.session.signOut({ timeoutMs: 2000 })) ?? []);
  activeServices = undefined;
}
