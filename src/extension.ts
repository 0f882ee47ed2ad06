import * as vscode from 'vscode';
import { PvwaClient } from './api/pvwaClient';
import { httpsAgentFor } from './api/transport';
import { inputPrompts } from './auth/inputPrompts';
import { PasswordStore } from './auth/passwordStore';
import { Session } from './auth/session';
import { registerEventCommands } from './commands/eventCommands';
import { registerFilterCommands } from './commands/filterCommands';
import { registerRefreshCommands } from './commands/refreshCommands';
import { registerSessionCommands } from './commands/sessionCommands';
import { registerTriageCommands } from './commands/triageCommands';
import { readSettings, SECTION } from './config';
import { connectionWarnings } from './tree/connectionWarnings';
import { DetailsAction, EventDetailsPanels } from './details/eventDetailsPanels';
import { RAW_JSON_SCHEME, RawJsonDocuments } from './details/rawJsonDocuments';
import { Log } from './log';
import { EventFilter, SortOrder } from './store/eventFilter';
import { EventRefresher, TimestampUnit } from './store/eventRefresher';
import { EventStore } from './store/eventStore';
import { EventView } from './store/eventView';
import { ServerFilter } from './store/filterDescription';
import { NewEventAlerts } from './sync/newEventAlerts';
import { RefreshController } from './sync/refreshController';
import { EventsTreeProvider } from './tree/eventsTreeProvider';
import { updateViewChrome } from './tree/eventsViewChrome';
import { OpenCountStatusItem } from './tree/openCountStatusItem';
import { TreeNode } from './tree/treeNodes';
import { Services } from './services';

const FILTER_KEY = 'cyberarkPta.filter';
const SERVER_FILTER_KEY = 'cyberarkPta.serverFilter';
const SORT_KEY = 'cyberarkPta.sortOrder';

let activeSession: Session | undefined;

/** The composition root: builds the objects, wires their events, registers commands. */
export function activate(context: vscode.ExtensionContext): Services {
  const log = new Log();
  const store = new EventStore();
  const view = new EventView(store);
  view.setFilter(context.workspaceState.get<EventFilter>(FILTER_KEY, {}));
  view.setSortOrder(context.workspaceState.get<SortOrder>(SORT_KEY, 'updated'));
  let serverFilter = context.workspaceState.get<ServerFilter>(SERVER_FILTER_KEY, {});

  const passwords = new PasswordStore(context.secrets, (message) => {
    log.warn(message);
    void vscode.window.showWarningMessage(message);
  });
  const session = new Session({
    passwords,
    prompts: inputPrompts,
    log,
    createClient: (address) => {
      const settings = readSettings();
      const agent = address.isHttps ? httpsAgentFor(settings.tls) : undefined;
      return new PvwaClient({ address, timeoutSeconds: settings.requestTimeoutSeconds, log, agent, insecureRequested: address.isHttps && settings.tls.allowInsecure });
    },
    rememberPassword: () => readSettings().rememberPassword,
  });
  activeSession = session;

  const unitKey = () => `cyberarkPta.timestampUnit:${session.target?.address.appUrl.toLowerCase() ?? ''}`;
  const refresher = new EventRefresher(
    store,
    (query) => session.call((client, token) => client.getEvents(token, query)),
    () => ({ lookbackDays: readSettings().lookbackDays, unitSetting: readSettings().fromUpdateDateUnit, ...serverFilter }),
    {
      get: () => context.globalState.get<TimestampUnit>(unitKey()),
      set: (unit) => {
        log.info(`This vault reads fromUpdateDate in ${unit}; using ${unit} from now on.`);
        void context.globalState.update(unitKey(), unit);
      },
    },
  );

  const tree = new EventsTreeProvider(store, view, () => session.isSignedIn);
  const treeView = vscode.window.createTreeView<TreeNode>('cyberarkPta.events', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });

  const revealEvents = async (eventIds: string[]) => {
    const nodes = eventIds.map((id) => tree.revealableNode(id)).filter((n): n is NonNullable<typeof n> => !!n);
    for (const [i, node] of nodes.entries()) {
      await treeView.reveal(node, { select: i === 0, focus: i === 0, expand: false });
    }
  };
  const alerts = new NewEventAlerts(() => readSettings().notifyMinScore, revealEvents);
  const refresh = new RefreshController({
    refresher,
    isSignedIn: () => session.isSignedIn,
    autoRefreshSeconds: () => readSettings().autoRefreshSeconds,
    log,
    onNewEvents: (events) => {
      const message = alerts.announce(events);
      if (message) log.info(`Announced: ${message}`);
    },
  });

  const onDetailsAction = (action: DetailsAction, eventId: string) => {
    const command = {
      close: 'cyberarkPta.closeEvent',
      reopen: 'cyberarkPta.reopenEvent',
      openInPvwa: 'cyberarkPta.openInPvwa',
      copyId: 'cyberarkPta.copyEventId',
      openRawJson: 'cyberarkPta.openRawJson',
    }[action];
    void vscode.commands.executeCommand(command, { eventId });
  };
  const panels = new EventDetailsPanels(vscode.Uri.joinPath(context.extensionUri, 'media'), store, onDetailsAction, () => session.isSignedIn);
  const rawJson = new RawJsonDocuments(store);
  const statusItem = new OpenCountStatusItem();

  const updateChrome = () => {
    updateViewChrome(treeView, store, view, {
      signedIn: session.isSignedIn,
      refresh: refresh.current,
      lookbackDays: readSettings().lookbackDays,
      serverFilter,
      warnings: connectionWarnings(session.target?.address, readSettings()),
    });
    statusItem.update(session.isSignedIn && readSettings().showStatusBarItem, store.count('OPEN'), !!refresh.current.lastError);
    void vscode.commands.executeCommand('setContext', 'cyberarkPta.filtered', view.isFiltered || !!serverFilter.accountId || !!serverFilter.status);
  };

  const services: Services = {
    context,
    log,
    session,
    passwords,
    store,
    view,
    tree,
    treeView,
    refresh,
    panels,
    serverFilter: () => serverFilter,
    setServerFilter: async (filter) => {
      serverFilter = { status: filter.status, accountId: filter.accountId };
      await context.workspaceState.update(SERVER_FILTER_KEY, serverFilter);
      updateChrome();
      await refresh.refresh({ full: true });
    },
    updateChrome,
  };

  void vscode.commands.executeCommand('setContext', 'cyberarkPta.signedIn', false);
  void vscode.commands.executeCommand('setContext', 'cyberarkPta.sortOrder', view.sortOrder);
  updateChrome();

  context.subscriptions.push(
    log,
    session,
    tree,
    treeView,
    refresh,
    panels,
    rawJson,
    statusItem,
    vscode.workspace.registerTextDocumentContentProvider(RAW_JSON_SCHEME, rawJson),
    store.onDidChange(updateChrome),
    refresh.onDidChangeState(updateChrome),
    session.onDidChange((signedIn) => {
      void vscode.commands.executeCommand('setContext', 'cyberarkPta.signedIn', signedIn);
      if (signedIn) {
        void refresh.refresh({ full: true });
      } else {
        refresh.reset();
        store.clear();
      }
      tree.refresh();
      updateChrome();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.autoRefreshSeconds`)) refresh.reschedule();
      if (e.affectsConfiguration(SECTION)) updateChrome();
    }),
    ...registerSessionCommands(services),
    ...registerRefreshCommands(services),
    ...registerEventCommands(services),
    ...registerTriageCommands(services),
    ...registerFilterCommands(services),
  );
  return services;
}

/** Logs off with a short time limit, so closing the window is not held up by a slow vault. */
export async function deactivate(): Promise<void> {
  await activeSession?.signOut({ timeoutMs: 2000 });
  activeSession = undefined;
}
