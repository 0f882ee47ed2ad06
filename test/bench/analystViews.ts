import { EntityIndexes } from '../../src/derived/entityIndexes';
import { LiveOverview } from '../../src/derived/liveOverview';
import { PtaEvent } from '../../src/model/ptaEvent';
import { EventSources } from '../../src/sources/eventSources';
import { EventStore } from '../../src/store/eventStore';
import { EventView } from '../../src/store/eventView';
import { SearchWarmer } from '../../src/store/searchWarmer';
import { StoreSource } from '../support/storeSource';

const LOOKBACK_DAYS = 60;

/** A vault's source that can close events, as the Close All Matching command asks of a source. */
class TriageSource extends StoreSource {
  override readonly capabilities = { triage: true, refresh: true, openInPvwa: true };
}

/**
 * The extension's views over one vault, wired as extension.ts wires them, minus VS Code: the store,
 * the entity index, the Events view's lists (entity filter from the index) with their search texts built after a load, the Overview's figures.
 * catchUp() is what VS Code asks of them after a change before every view is current.
 */
export class AnalystViews {
  readonly store = new EventStore();
  readonly sources = new EventSources();
  readonly indexes: EntityIndexes;
  readonly view: EventView;
  readonly overview: LiveOverview;
  readonly searchWarmer: SearchWarmer;
  readonly sourceId: string;
  /** The data's own present: its newest update. */
  private readonly now: number;

  constructor(events: readonly PtaEvent[]) {
    this.now = events.reduce((newest, event) => Math.max(newest, event.lastUpdateTime), 0);
    const source = new TriageSource(this.store);
    this.sourceId = source.id;
    this.sources.add(source);
    this.indexes = new EntityIndexes(this.sources);
    this.view = new EventView(
      this.sources,
      (sourceId, event) => this.indexes.keysOf(sourceId, event.id),
      () => undefined,
      (sourceId, key) => this.indexes.of(sourceId)?.events(key) ?? [],
    );
    this.indexes.onDidChange((sourceId) => this.view.entitiesChanged(sourceId));
    this.overview = new LiveOverview(this.sources, this.indexes);
    this.searchWarmer = new SearchWarmer(this.sources, this.view, (sourceId) => this.indexes.whenBuilt(sourceId));
    this.store.replaceAll(events);
  }

  get index() {
    return this.indexes.of(this.sourceId)!;
  }

  /**
   * Everything the views compute before they show a change: the Events tree's groups and first
   * page (and the badge's count), the Entities view's ranking within the filter, the Overview's figures.
   */
  catchUp(): { open: number; entities: number; overviewOpen: number } {
    const open = this.view.list(this.sourceId, 'OPEN');
    const closed = this.view.list(this.sourceId, 'CLOSED');
    open.slice(0, 200);
    const badge = this.store.count('OPEN');
    const within = this.view.isFiltered ? [...open, ...closed] : undefined;
    const entities = this.index.ranking(within ? { within } : {});
    const overview = this.overview.data({ now: this.now, lookbackDays: LOOKBACK_DAYS, timeZone: 'Europe/Paris' });
    if (!overview || overview.open !== badge) throw new Error(`the Overview counts ${overview?.open} open events, the badge ${badge}`);
    return { open: open.length, entities: entities.length, overviewOpen: overview.open };
  }

  dispose(): void {
    this.searchWarmer.dispose();
    this.overview.dispose();
    this.view.dispose();
    this.indexes.dispose();
    this.sources.dispose();
  }
}
