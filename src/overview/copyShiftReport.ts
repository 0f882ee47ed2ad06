import * as vscode from 'vscode';
import type { OverviewData } from '../derived/overviewAggregates';
import { ReportedEvent, shiftReportMarkdown } from '../derived/shiftReport';
import * as inertWindow from '../ui/inertWindow';

export interface CopyShiftReportDeps {
  /** The Overview's figures now; undefined when nothing is loaded. */
  data(): OverviewData | undefined;
  /** See openHighRiskEvents in shiftReport.ts. */
  openHighRisk(): readonly ReportedEvent[];
  /** Markdown lines of the actions taken from the events' panels (see actionRecord.ts). */
  actionsTaken(): readonly string[];
}

/** `cyberarkPta.copyShiftReport`: the Overview's figures and the open high-risk events, as Markdown on the clipboard. */
export function registerCopyShiftReport(deps: CopyShiftReportDeps): vscode.Disposable {
  return vscode.commands.registerCommand('cyberarkPta.copyShiftReport', async () => {
    const data = deps.data();
    if (!data) {
      void inertWindow.showInformationMessage('Nothing to report yet: sign in or open an events file first.');
      return;
    }
    const highRisk = deps.openHighRisk();
    const actions = deps.actionsTaken();
    const respondLines = actions.length > 0 ? ['', '## Actions taken on events', ...actions] : [];
    await vscode.env.clipboard.writeText([shiftReportMarkdown(data, highRisk, Date.now()), ...respondLines].join('\n'));
    void inertWindow.showInformationMessage(`Shift report copied as Markdown: ${data.open.toLocaleString('en-US')} open events, ${highRisk.length.toLocaleString('en-US')} of them high risk.`);
  });
}
