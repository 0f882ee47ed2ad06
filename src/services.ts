import * as vscode from 'vscode';
import { PasswordStore } from './auth/passwordStore';
import { EntityIndexes } from './derived/entityIndexes';
import { EventDetailsPanels } from './details/eventDetailsPanels';
import { Log } from './log';
import { Respond } from './respond/respond';
import { OverviewViewProvider } from './overview/overviewView';
import { EventSources } from './sources/eventSources';
import { VaultSources } from './sources/vault/vaultSources';
import { EventView } from './store/eventView';
import { EntitiesTreeProvider } from './tree/entitiesTreeProvider';
import { EventsTreeProvider } from './tree/eventsTreeProvider';
import { EventsViewChrome } from './tree/eventsViewChrome';
import { TreeNode } from './tree/treeNodes';

/** The objects commands work with, built once in extension.ts. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: Log;
  readonly passwords: PasswordStore;
  /** Every event source: vaults and opened files. */
  readonly sources: EventSources;
  /** The configured vaults, kept in line with the settings. */
  readonly vaults: VaultSources;
  /** One entity index per source: entities, related events, look-alikes. */
  readonly indexes: EntityIndexes;
  readonly view: EventView;
  readonly tree: EventsTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly chrome: EventsViewChrome;
  readonly panels: EventDetailsPanels;
  readonly overview: OverviewViewProvider;
  /** The Entities view's data: accounts, vault users and hosts ranked by open risk. */
  readonly entities: EntitiesTreeProvider;
  /** What stands behind events (loaded per panel), and the record of actions taken on them. */
  readonly respond: Respond;
}
