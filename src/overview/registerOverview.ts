import * as vscode from 'vscode';
import { readSettings } from '../config';
import { computeOverview, OverviewData } from '../derived/overviewAggregates';
import { openHighRiskEvents } from '../derived/shiftReport';
import { Services } from '../services';
import { filterParts } from '../store/filterDescription';
import { registerCopyShiftReport } from './copyShiftReport';
import { filterFor, pressedKeys } from './overviewFilter';
import { OverviewViewProvider } from './overviewView';

/**
 * The Overview: figures of every loaded event of every source (the Events view's filter is shown,
 * not applied, so a click on one type does not collapse the chart to that type), and clicks that
 * set the Events view's filter.
 */
export function registerOverview(services: Omit<Services, 'overview' | 'entities'>): { provider: OverviewViewProvider; disposables: vscode.Disposable[] } {
  const { sources, view, indexes } = services;
  const data = (): OverviewData | undefined => {
    const all = sources.all().filter((s) => s.state.kind === 'loaded' || s.state.kind === 'stale');
    if (all.length === 0) return undefined;
    return computeOverview({
      sources: all.map((s) => ({ id: s.id, label: s.label, events: s.store.all() })),
      now: Date.now(),
      lookbackDays: readSettings().lookbackDays,
      entitiesOf: (event, sourceId) => indexes.of(sourceId)?.entities(event.id) ?? [],
    });
  };
  const provider = new OverviewViewProvider({
    mediaRoot: vscode.Uri.joinPath(services.context.extensionUri, 'media'),
    data,
    onDidChangeData: (listener) => {
      const subscriptions = [view.onDidChange(listener), sources.onDidChangeState(listener)];
      return new vscode.Disposable(() => subscriptions.forEach((s) => s.dispose()));
    },
    activeFilter: (shown) => {
      const parts = filterParts(view.currentFilter, (id) => sources.get(id)?.label ?? id);
      if (parts.length === 0) return undefined;
      return { text: parts.map((p) => p.text).join(', '), parts, pressed: pressedKeys(view.currentFilter, shown) };
    },
    applyFilter: (request) => view.setFilter(filterFor(view.currentFilter, request)),
  });
  const disposables = [
    provider,
    vscode.window.registerWebviewViewProvider(OverviewViewProvider.viewId, provider),
    registerCopyShiftReport({
      data,
      openHighRisk: () => openHighRiskEvents(sources.all().map((s) => ({ label: s.label, events: s.store.all() }))),
    }),
  ];
  return { provider, disposables };
}
