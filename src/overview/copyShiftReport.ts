import * as vscode from 'vscode';
import type { OverviewData } from '../derived/overviewAggregates';
import { ReportScope, ReportSource, reportScope, shiftReportMarkdown } from '../derived/shiftReport';
import * as inertWindow from '../ui/inertWindow';

export interface CopyShiftReportDeps {
  /** Every source, in the order the Events view lists them. */
  sources(): readonly ReportSource[];
  /** The Overview's figures of the sources in scope. */
  overviewOf(included: ReportScope['included']): OverviewData;
  /** Markdown lines of the actions taken from the events' panels (see actionRecord.ts). */
  actionsTaken(): readonly string[];
}

/** `cyberarkPta.copyShiftReport`: the figures of the sources loaded and their open high-risk events, on the clipboard. */
export function registerCopyShiftReport(deps: CopyShiftReportDeps): vscode.Disposable {
  return vscode.commands.registerCommand('cyberarkPta.copyShiftReport', async () => {
    const scope = reportScope(deps.sources());
    if (scope.included.length === 0) {
      const why = scope.excluded.length > 0 ? ` (${scope.excluded.map((s) => `${s.label}: ${s.why}`).join('; ')})` : '';
      void inertWindow.showInformationMessage(`Nothing to report yet: sign in or open an events file first${why}.`);
      return;
    }
    const data = deps.overviewOf(scope.included);
    const actions = deps.actionsTaken();
    const respondLines = actions.length > 0 ? ['', '## Actions taken on events', ...actions] : [];
    await vscode.env.clipboard.writeText([shiftReportMarkdown(data, scope, Date.now()), ...respondLines].join('\n'));
    const left = scope.excluded.length > 0 ? ` Not counted: ${scope.excluded.map((s) => `${s.label} (${s.why})`).join(', ')}.` : '';
    void inertWindow.showInformationMessage(`Shift report copied: ${data.open.toLocaleString('en-US')} open events, ${data.openByBand.high.toLocaleString('en-US')} of them high risk.${left}`);
  });
}
