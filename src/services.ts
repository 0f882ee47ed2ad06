import * as vscode from 'vscode';
import { PasswordStore } from './auth/passwordStore';
import { Session } from './auth/session';
import { EventDetailsPanels } from './details/eventDetailsPanels';
import { Log } from './log';
import { EventStore } from './store/eventStore';
import { EventView } from './store/eventView';
import { ServerFilter } from './store/filterDescription';
import { RefreshController } from './sync/refreshController';
import { EventsTreeProvider } from './tree/eventsTreeProvider';
import { TreeNode } from './tree/treeNodes';

/** The objects commands work with, built once in extension.ts. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly session: Session;
  readonly passwords: PasswordStore;
  readonly store: EventStore;
  readonly view: EventView;
  readonly tree: EventsTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly refresh: RefreshController;
  readonly panels: EventDetailsPanels;
  serverFilter(): ServerFilter;
  setServerFilter(filter: ServerFilter): Promise<void>;
  /** Re-renders the view's message, badge and description. */
  updateChrome(): void;
}
