import * as vscode from 'vscode';
import { BehindEventSection } from '../details/behindEventSection';
import { EventDetailsPanels } from '../details/eventDetailsPanels';
import { EventSources } from '../sources/eventSources';
import { VaultSources } from '../sources/vault/vaultSources';
import { ActionRecords, recordLine } from './actionRecord';
import { BehindEventCache } from './behindEventCache';
import { RunDeps } from './respondRun';

/** What the respond commands and the panel's section share; tests reach it through the services. */
export interface Respond {
  readonly cache: BehindEventCache;
  readonly records: ActionRecords;
  readonly section: BehindEventSection;
  /** Test seam: how CPM results are polled (the defaults wait 2 s, five times). */
  pollOptions: Pick<RunDeps, 'pollMs' | 'polls'>;
}

interface RespondDeps {
  readonly context: vscode.ExtensionContext;
  readonly sources: EventSources;
  readonly vaults: VaultSources;
  readonly panels: EventDetailsPanels;
}

/** "Behind this event" in the details panels and its record of actions; the commands acting on them load on first use. */
export function createRespond({ context, sources, vaults, panels }: RespondDeps): { respond: Respond; disposables: vscode.Disposable[] } {
  const cache = new BehindEventCache();
  const records = new ActionRecords(context.globalState);
  const section = new BehindEventSection(sources, vaults, cache, panels, {
    record: (ref) => records.list(ref).map(recordLine),
    clearRecord: (ref) => void records.clear(ref),
  });
  const disposables = [cache, records, section, new vscode.Disposable(records.onDidChange((ref) => section.post(ref)).dispose)];
  return { respond: { cache, records, section, pollOptions: {} }, disposables };
}
