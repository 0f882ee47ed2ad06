import * as vscode from 'vscode';
import { readSettings } from '../config';
import { LiveOverview } from '../derived/liveOverview';
import { computeOverview, OverviewData, OverviewInput } from '../derived/overviewAggregates';
import { Services } from '../services';
import { EventFilter } from '../store/eventFilter';
import { describeFilter } from '../store/filterDescription';
import { registerCopyShiftReport } from './copyShiftReport';
import { OverviewFilterRequest } from './overviewMessages';
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
  const overviewOf = (shown: OverviewInput['sources']): OverviewData =>
    computeOverview({
      sources: shown,
      now: Date.now(),
      lookbackDays: readSettings().lookbackDays,
      entitiesOf: (event, sourceId) => indexes.of(sourceId)?.entities(event.id) ?? [],
    });
  const provider = new OverviewViewProvider({
    mediaRoot: vscode.Uri.joinPath(services.context.extensionUri, 'media'),
    data,
    onDidChangeData: (listener) => {
      const subscriptions = [view.onDidChange(listener), sources.onDidChangeState(listener)];
      return new vscode.Disposable(() => subscriptions.forEach((s) => s.dispose()));
    },
    activeFilter: () => describeFilter(view.currentFilter, (id) => sources.get(id)?.label ?? id),
    applyFilter: (request) => view.setFilter(filterFor(view.currentFilter, request)),
  });
  const disposables = [
    live,
    provider,
    vscode.window.registerWebviewViewProvider(OverviewViewProvider.viewId, provider),
    registerCopyShiftReport({
      sources: () => sources.all().filter((s) => !s.isPlaceholder).map((s) => ({ id: s.id, label: s.label, kind: s.kind, state: s.state, events: s.store.all() })),
      overviewOf,
    }),
  ];
  return { provider, disposables };
}

/** A click in the Overview narrows the Events view's filter by what was clicked; Clear empties it. */
export function filterFor(current: EventFilter, request: OverviewFilterRequest): EventFilter {
  switch (request.kind) {
    case 'band':
      return { ...current, band: request.band };
    case 'time':
      return { ...current, created: { from: request.start, to: request.end, label: request.label } };
    case 'type':
      return { ...current, types: [request.type] };
    case 'entity':
      return { ...current, entity: { kind: request.entityKind, key: request.key, label: request.label, sourceId: request.sourceId } };
    case 'source':
      return { ...current, sources: [request.sourceId] };
    case 'clear':
      return {};
  }
}
