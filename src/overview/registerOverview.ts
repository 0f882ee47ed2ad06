import * as vscode from 'vscode';
import { readSettings } from '../config';
import { LiveOverview } from '../derived/liveOverview';
import { computeOverview, OverviewData, OverviewInput } from '../derived/overviewAggregates';
import { Services } from '../services';
import { filterParts } from '../store/filterDescription';
import { recordMarkdown } from '../respond/actionRecord';
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
  const live = new LiveOverview(sources, indexes);
  const data = (): OverviewData | undefined => live.data({ now: Date.now(), lookbackDays: readSettings().lookbackDays });
  // The shift report's scope differs from the view's (an event a file repeats counts once): computed at each copy.
  const overviewOf = (shown: OverviewInput['sources']): OverviewData => {
    for (const source of shown) indexes.of(source.id)?.buildNow();
    return computeOverview({
      sources: shown,
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
    live,
    provider,
    vscode.window.registerWebviewViewProvider(OverviewViewProvider.viewId, provider),
    registerCopyShiftReport({
      sources: () => sources.all().filter((s) => !s.isPlaceholder).map((s) => ({ id: s.id, label: s.label, kind: s.kind, state: s.state, events: s.store.all() })),
      overviewOf,
      actionsTaken: () => services.respond.records.entries().flatMap(({ ref, actions }) => recordMarkdown(`Event ${ref.eventId} in ${sources.get(ref.sourceId)?.label ?? ref.sourceId}`, actions)),
    }),
  ];
  return { provider, disposables };
}
