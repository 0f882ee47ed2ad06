import { EventRefresher, RefreshResult, TimestampUnit } from '../../src/store/eventRefresher';
import { EventStore } from '../../src/store/eventStore';
import { EventView } from '../../src/store/eventView';
import { viewOver } from '../support/storeSource';
import { BenchVault } from './benchVault';

/** Longer than the simulator's 45-day spread of update times, so a full load answers every event. */
const LOOKBACK_DAYS = 60;

/** The extension's own data path, wired as extension.ts wires it, minus VS Code. */
export class ExtensionEvents {
  readonly store = new EventStore();
  readonly view: EventView;
  readonly sourceId: string;
  private readonly refresher: EventRefresher;

  constructor(vault: BenchVault) {
    ({ view: this.view, sourceId: this.sourceId } = viewOver(this.store));
    let unit: TimestampUnit | undefined;
    this.refresher = new EventRefresher(
      this.store,
      (query, onBatch) => vault.client.streamEvents(vault.token, query, onBatch),
      () => ({ lookbackDays: LOOKBACK_DAYS, unitSetting: 'auto' }),
      { get: () => unit, set: (value) => (unit = value) },
    );
  }

  /** A refresh, then the Open and Closed lists the tree reads: what has to happen before the view can show the result. */
  async load(full: boolean): Promise<RefreshResult> {
    const result = await this.refresher.refresh({ full });
    this.view.list(this.sourceId, 'OPEN');
    this.view.list(this.sourceId, 'CLOSED');
    return result;
  }
}
