import { EventSource } from '../sources/eventSource';
import { EventSources } from '../sources/eventSources';
import { Disposable } from '../util/emitter';
import { EntityIndexes } from './entityIndexes';
import { OpenEntity, OverviewData, overviewOf, OverviewWindow } from './overviewAggregates';
import { SourceTally } from './overviewTally';

/**
 * The Overview's figures over every loaded source, kept as tallies that take each store change in
 * (a reset starts the source's tally again on the next question), and entities from each source's
 * entity index: after one change, the figures cost the change, not a pass over every event. Pure; no vscode.
 */
export class LiveOverview implements Disposable {
  private readonly tallies = new Map<string, SourceTally>();
  private readonly subscriptions: Disposable[];

  constructor(
    private readonly sources: EventSources,
    private readonly indexes: EntityIndexes,
  ) {
    this.subscriptions = [
      sources.onDidChangeEvents(({ source, change }) => {
        if (change.kind === 'reset') this.tallies.delete(source.id);
        else this.tallies.get(source.id)?.apply(change);
      }),
      sources.onDidChangeSources(() => {
        for (const id of [...this.tallies.keys()]) if (!sources.get(id)) this.tallies.delete(id);
      }),
    ];
  }

  /** The figures of the loaded (or stale) sources; undefined when none is. */
  data(window: OverviewWindow): OverviewData | undefined {
    const loaded = this.sources.all().filter((s) => s.state.kind === 'loaded' || s.state.kind === 'stale');
    if (loaded.length === 0) return undefined;
    return overviewOf(
      loaded.map((source) => ({ id: source.id, label: source.label, tally: this.tallyOf(source), openEntities: this.openEntitiesOf(source.id) })),
      window,
    );
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.tallies.clear();
  }

  private tallyOf(source: EventSource): SourceTally {
    let tally = this.tallies.get(source.id);
    if (!tally) this.tallies.set(source.id, (tally = SourceTally.of(source.store.all())));
    return tally;
  }

  private openEntitiesOf(sourceId: string): OpenEntity[] {
    const ranking = this.indexes.of(sourceId)?.ranking() ?? [];
    return ranking.filter((r) => r.open > 0).map((r) => ({ entity: r.entity, openCount: r.open, maxOpenScore: r.highestOpenScore! }));
  }
}
