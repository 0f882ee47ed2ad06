import * as vscode from 'vscode';
import { BehindEventSection } from '../details/behindEventSection';
import { ActionRecords, recordLine } from '../respond/actionRecord';
import { BehindEventCache } from '../respond/behindEventCache';
import { Services } from '../services';

/** What the respond commands and the panel's section share; tests reach it through the services. */
export interface Respond {
  readonly cache: BehindEventCache;
  readonly records: ActionRecords;
  readonly section: BehindEventSection;
}

/** "Behind this event" in the details panels, its record of actions, and the respond commands. */
export function registerRespond(services: Omit<Services, 'overview' | 'entities' | 'respond'>): { respond: Respond; disposables: vscode.Disposable[] } {
  const cache = new BehindEventCache();
  const records = new ActionRecords(services.context.globalState);
  const section = new BehindEventSection(services.sources, services.vaults, cache, services.panels, {
    record: (ref) => records.list(ref).map(recordLine),
    clearRecord: (ref) => void records.clear(ref),
  });
  const respond: Respond = { cache, records, section };
  const disposables = [cache, records, section, new vscode.Disposable(records.onDidChange((ref) => section.post(ref)).dispose)];
  return { respond, disposables };
}
