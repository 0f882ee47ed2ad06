import { EventQuery, EventStatus } from '../api/pvwaClient';
import { normalizeEvent, PtaEvent } from '../model/ptaEvent';
import { EventStore } from './eventStore';

export type TimestampUnit = 'seconds' | 'milliseconds';
export type UnitSetting = 'auto' | TimestampUnit;

export interface RefreshSettings {
  lookbackDays: number;
  unitSetting: UnitSetting;
  /** Server-side narrowing; changing it needs a full reload. */
  status?: EventStatus;
  accountId?: string;
}

export interface RefreshResult {
  readonly kind: 'full' | 'incremental';
  /** The instant asked for (epoch ms) and the unit it was sent in. */
  readonly fromMs: number;
  readonly unit: TimestampUnit;
  readonly received: number;
  readonly added: readonly PtaEvent[];
  readonly updated: readonly PtaEvent[];
}

/** Remembers, per vault, which unit its fromUpdateDate turned out to be read in. */
export interface UnitMemory {
  get(): TimestampUnit | undefined;
  set(unit: TimestampUnit): void;
}

/** Events whose update is this much older than the cursor are fetched again, for clock skew between PVWA nodes. */
export const REFRESH_OVERLAP_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * Loads events into the store: the first load asks for the look-back window, later ones only for
 * what changed since the newest update held. The vault's reading of `fromUpdateDate` is not to be
 * trusted (seconds or milliseconds, see PVWA-API.md), so answers are filtered here too, and in
 * `auto` mode an answer containing events older than asked for proves the vault reads milliseconds.
 */
export class EventRefresher {
  private inFlight: Promise<RefreshResult> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly fetchEvents: (query: EventQuery) => Promise<unknown[]>,
    private readonly settings: () => RefreshSettings,
    private readonly unitMemory: UnitMemory,
    private readonly now: () => number = Date.now,
  ) {}

  get isRefreshing(): boolean {
    return this.inFlight !== undefined;
  }

  /** A refresh already running is joined, never doubled. */
  refresh(options: { full?: boolean } = {}): Promise<RefreshResult> {
    if (!this.inFlight) {
      this.inFlight = this.run(options.full === true || this.store.watermark === 0).finally(() => {
        this.inFlight = undefined;
      });
    }
    return this.inFlight;
  }

  private async run(full: boolean): Promise<RefreshResult> {
    const settings = this.settings();
    const fromMs = full
      ? this.now() - Math.max(1, settings.lookbackDays) * DAY_MS
      : this.store.watermark - REFRESH_OVERLAP_MS;
    const unit = this.unitFor(settings.unitSetting);
    const raw = await this.fetchEvents({
      fromUpdateDate: unit === 'seconds' ? Math.floor(fromMs / 1000) : fromMs,
      status: settings.status,
      accountId: settings.accountId,
    });
    const requestedMs = unit === 'seconds' ? Math.floor(fromMs / 1000) * 1000 : fromMs;
    const events: PtaEvent[] = [];
    let olderThanAsked = false;
    for (const item of raw) {
      const event = normalizeEvent(item);
      if (!event) continue;
      if (event.lastUpdateTime < requestedMs) {
        olderThanAsked = true;
        continue;
      }
      events.push(event);
    }
    if (olderThanAsked && unit === 'seconds' && settings.unitSetting === 'auto') {
      this.unitMemory.set('milliseconds');
    }
    const change = full ? this.store.replaceAll(events) : this.store.merge(events);
    return { kind: full ? 'full' : 'incremental', fromMs, unit, received: raw.length, added: change.added, updated: change.updated };
  }

  private unitFor(setting: UnitSetting): TimestampUnit {
    return setting === 'auto' ? this.unitMemory.get() ?? 'seconds' : setting;
  }
}
