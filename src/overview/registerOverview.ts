import * as vscode from 'vscode';
import { readSettings } from '../config';
import { computeOverview, OverviewData } from '../derived/overviewAggregates';
import { openHighRiskEvents } from '../derived/shiftReport';
import { Services } from '../services';
import { EventFilter } from '../store/eventFilter';
import { describeFilter } from '../store/filterDescription';
import { recordMarkdown } from '../respond/actionRecord';
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
    activeFilter: () => describeFilter(view.currentFilter, (id) => sources.get(id)?.label ?? id),
    applyFilter: (request) => view.setFilter(filterFor(view.currentFilter, request)),
  });
  const disposables = [
    provider,
    vscode.window.registerWebviewViewProvider(OverviewViewProvider.viewId, provider),
    registerCopyShiftReport({
      data,
      openHighRisk: () => openHighRiskEvents(sources.all().map((s) => ({ label: s.label, events: s.store.all() }))),
      actionsTaken: () => services.respond.records.entries().flatMap(({ ref, actions }) => recordMarkdown(`Event ${ref.eventId} in ${sources.get(ref.sourceId)?.label ?? ref.sourceId}`, actions)),
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
