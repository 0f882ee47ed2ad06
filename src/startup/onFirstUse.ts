// What start-up does not need: the commands other than those the Events view's selection and keys
// run, what a details page shows (its model, its Behind this event section), and the hovers and
// schema checks of events documents. esbuild.js bundles this module into a file of its own
// (dist/lazy/onFirstUse.js) that uses the start-up bundle's modules rather than copies of them;
// loadOnFirstUse.ts loads it the first time one of these is needed.
import * as vscode from 'vscode';
import { registerCloseSameWay } from '../commands/closeSameWayCommand';
import { registerEntityCommands } from '../commands/entityCommands';
import { registerExportCommands } from '../commands/exportCommands';
import { registerFileSourceCommands } from '../commands/fileSourceCommands';
import { registerFilterCommands } from '../commands/filterCommands';
import { registerOpenFromAlert } from '../commands/openFromAlertCommand';
import { registerRefreshCommands } from '../commands/refreshCommands';
import { registerRespondCommands } from '../commands/respondCommands';
import { registerSessionCommands } from '../commands/sessionCommands';
import { registerTriageCommands } from '../commands/triageCommands';
import { TriageReports } from '../commands/triageReports';
import { registerVaultCommands } from '../commands/vaultCommands';
import { CompareDocuments } from '../files/compareDocuments';
import { PtaDocuments } from '../files/ptaDocuments';
import { Services } from '../services';

export { buildBehindEventView } from '../details/behindEventView';
export { parsePageMessage } from '../details/detailsMessages';
export { buildEventContext, RELATED_ALL_MAX, RELATED_SHOWN_MAX } from '../details/eventContextView';
export { buildEventViewModel } from '../details/eventViewModel';
export { RESPOND_ACTIONS, usability } from '../respond/respondActions';
export { checkDocumentText } from '../files/documentSchemaCheck';
export { eventHoverMarkdown } from '../files/eventHovers';
export { jsonScalarAt } from '../files/jsonPositions';

/** What these commands use that start-up already made, besides the services. */
export interface StartUpParts {
  readonly documents: PtaDocuments;
  readonly comparisons: CompareDocuments;
  readonly reports: TriageReports;
}

export function registerCommands(services: Services, parts: StartUpParts): vscode.Disposable[] {
  return [
    ...registerSessionCommands(services),
    ...registerVaultCommands(services),
    ...registerRefreshCommands(services),
    ...registerTriageCommands(services, parts.reports),
    ...registerCloseSameWay(services),
    ...registerExportCommands(services),
    ...registerEntityCommands(services),
    ...registerFilterCommands(services),
    ...registerOpenFromAlert(services),
    ...registerRespondCommands(services),
    ...registerFileSourceCommands(services, parts.documents, parts.comparisons),
  ];
}
