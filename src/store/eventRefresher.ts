import { PvwaError } from '../api/errors';
import { EventQuery, EventsProgress } from '../api/pvwaClient';
import { normalizeEvent, PtaEvent } from '../model/ptaEvent';
import { EventStore } from './eventStore';

export type TimestampUnit = 'seconds' | 'milliseconds';
export type UnitSetting = 'auto' | TimestampUnit;

/**
 * What is fetched. Status and account are view filters: an incremental refresh narrowed by
 * them on the vault would never learn that a held event left the narrowing (closed elsewhere).
 */
export interface RefreshSettings {
  lookbackDays: number;
  unitSetting: UnitSetting;
}

export interface RefreshResult {
  readonly kind: 'full' | 'incremental';
  /** The instant asked for (epoch ms) and the unit it was sent in. */
  readonly fromMs: number;
  readonly unit: TimestampUnit;
  readonly received: number;
  /** What was received and not listed, and why (for the log); received = listed + the sum of these. */
  readonly notListed: NotListed;
  /** Listed events that came without a usable lastUpdateTime (ordered by createTime, else by when they arrived). */
  readonly undated: number;
  readonly added: readonly PtaEvent[];
  readonly updated: readonly PtaEvent[];
}

export interface NotListed {
  /** Not an event: no usable id. */
  readonly noId: number;
  /** Updated before the instant asked for: the vault misread fromUpdateDate's unit. */
  readonly beforeWindow: number;
}

/** Remembers, per vault, which unit its fromUpdateDate turned out to be read in. */
export interface UnitMemory {
  get(): TimestampUnit | undefined;
  /** `reason`: one sentence saying what the vault answered that proves it, for the log. */
  set(unit: TimestampUnit, reason: string): void;
}

/** Events whose update is this much older than the cursor are fetched again, for clock skew between PVWA nodes. */
export const REFRESH_OVERLAP_MS = 60_000;
const DAY_MS = 86_400_000;
/** Proof that a vault reads milliseconds: this many events updated more than EVIDENCE_MARGIN_MS before the instant asked for. */
const EVIDENCE_EVENTS = 3;
const EVIDENCE_MARGIN_MS = DAY_MS;
/** An empty incremental answer in milliseconds is checked in seconds at most this often: the check may download every event. */
const UNIT_RECHECK_MS = 3_600_000;

interface Answer {
  readonly unit: TimestampUnit;
  /** The instant the vault was asked for, as sent (rounded down to the second when in seconds). */
  readonly requestedMs: number;
  readonly received: number;
  /** The events updated at or after requestedMs, and those without an update time; the vault's reading of it is not trusted. */
  readonly events: PtaEvent[];
  readonly notListed: NotListed;
  /** Events with a real lastUpdateTime well before requestedMs. */
  readonly wellBefore: number;
}

/**
 * Asks the vault for the events; hands them to `onBatch` as they arrive. A fetch that cannot
 * stream resolves with them as an array instead; whatever else it resolves with is ignored.
 */
export type EventFetcher = (query: EventQuery, onBatch: (events: unknown[], progress: EventsProgress) => void) => Promise<unknown>;

/** While a first load fills an empty store, it shows what arrived once it is this many events, then each time as many again as shown. */
const FIRST_FILL_EVENTS = 500;

interface Running {
  readonly full: boolean;
  readonly promise: Promise<RefreshResult>;
}

/**
 * Loads events into the store: the first load after construction or reset() asks for the look-back
 * window, later ones only for what changed since the newest update held. The vault's reading of
 * `fromUpdateDate` is not to be trusted (seconds or milliseconds, see PVWA-API.md), so answers are
 * filtered here too. In `auto` mode the unit is learned from the answers, only from events that
 * carry a real lastUpdateTime, and can be unlearned: an empty answer in milliseconds is asked again
 * in seconds, and switches back when that finds events in the window.
 */
export class EventRefresher {
  /**
   * The refresh cursor: the newest real lastUpdateTime among the events that refreshes (the GETs
   * of the whole list) received. Only what a refresh received moves it. A close or reopen answer,
   * or an account's history, updates the events it names and never this: raising the cursor past
   * what the list was last read at would skip every change the vault made in between.
   */
  private cursor = 0;
  private running: Running | undefined;
  private queuedFull: Promise<RefreshResult> | undefined;
  /** Bumped by reset(): answers to an older generation are dropped. */
  private generation = 0;
  private loaded = false;
  private lastUnitCheck = -Infinity;

  constructor(
    private readonly store: EventStore,
    private readonly fetchEvents: EventFetcher,
    private readonly settings: () => RefreshSettings,
    private readonly unitMemory: UnitMemory,
    private readonly now: () => number = Date.now,
  ) {}

  /** Epoch ms, 0 before the first load; incremental refreshes ask from it minus REFRESH_OVERLAP_MS. */
  get refreshCursor(): number {
    return this.cursor;
  }

  get isRefreshing(): boolean {
    return this.running !== undefined;
  }

  /**
   * A refresh of the kind already running is joined, never doubled, and so is an incremental one
   * asked for during a full load. A full load asked for during an incremental refresh runs after it.
   * Rejects with a PvwaError of kind `cancelled` when reset() came first.
   */
  refresh(options: { full?: boolean; onProgress?: (progress: EventsProgress) => void } = {}): Promise<RefreshResult> {
    const full = options.full === true || !this.loaded;
    const running = this.running;
    if (!running) return this.start(full, options.onProgress);
    if (!full || running.full) return running.promise;
    if (!this.queuedFull) {
      const generation = this.generation;
      const queued: Promise<RefreshResult> = running.promise.then(ignore, ignore).then(() => {
        if (this.queuedFull === queued) this.queuedFull = undefined;
        if (generation !== this.generation) throw cancelled();
        return this.refresh({ full: true });
      });
      this.queuedFull = queued;
    }
    return this.queuedFull;
  }

  /**
   * After sign-out: answers still on their way are dropped (they never touch the store or the unit
   * memory, and send nothing more), a queued full load is forgotten, and the next refresh is a full load.
   */
  reset(): void {
    this.generation++;
    this.running = undefined;
    this.queuedFull = undefined;
    this.loaded = false;
    this.cursor = 0;
    this.lastUnitCheck = -Infinity;
  }

  private start(full: boolean, onProgress?: (progress: EventsProgress) => void): Promise<RefreshResult> {
    const running: Running = {
      full,
      promise: this.run(full, this.generation, onProgress).finally(() => {
        if (this.running === running) this.running = undefined;
      }),
    };
    this.running = running;
    return running.promise;
  }

  /**
   * A full load into an empty store (the first after sign-in) shows the events as they arrive; the
   * store is then set to the whole answer, which the unit decision may replace. A full load that
   * fails leaves the store as it was before it, so a half list is never left as the list.
   */
  private async run(full: boolean, generation: number, onProgress?: (progress: EventsProgress) => void): Promise<RefreshResult> {
    const fill = full && this.store.size === 0 ? new ProgressiveFill(this.store) : undefined;
    try {
      return await this.load(full, generation, fill, full ? onProgress : undefined);
    } catch (error) {
      if (fill?.shown && generation === this.generation) this.store.replaceAll([]);
      throw error;
    }
  }

  private async load(full: boolean, generation: number, fill: ProgressiveFill | undefined, onProgress?: (progress: EventsProgress) => void): Promise<RefreshResult> {
    const settings = this.settings();
    const lookbackStart = this.now() - Math.max(1, settings.lookbackDays) * DAY_MS;
    const fromMs = full ? lookbackStart : Math.max(this.cursor - REFRESH_OVERLAP_MS, lookbackStart);
    const { unitSetting } = settings;
    const auto = unitSetting === 'auto';
    let answer = await this.ask(unitSetting === 'auto' ? this.unitMemory.get() ?? 'seconds' : unitSetting, fromMs, generation, fill, onProgress);
    if (auto && answer.unit === 'seconds' && answer.wellBefore >= EVIDENCE_EVENTS) {
      this.unitMemory.set(
        'milliseconds',
        `asked for events updated since ${iso(answer.requestedMs)} in seconds and received ${answer.wellBefore} updated more than a day before that, so this vault reads fromUpdateDate in milliseconds`,
      );
    } else if (auto && answer.unit === 'milliseconds' && !answer.events.some(dated) && (full || this.now() - this.lastUnitCheck >= UNIT_RECHECK_MS)) {
      this.lastUnitCheck = this.now();
      const inSeconds = await this.ask('seconds', fromMs, generation);
      const found = inSeconds.events.filter(dated).length;
      if (found > 0) {
        this.unitMemory.set(
          'seconds',
          `asked for events updated since ${iso(answer.requestedMs)} in milliseconds and received none, but the same request in seconds returned ${found} updated since then, so this vault reads fromUpdateDate in seconds`,
        );
        answer = inSeconds;
      }
    }
    const change = full ? this.store.replaceAll(answer.events) : this.store.merge(answer.events);
    const newest = newestRealUpdate(answer.events);
    this.cursor = full ? newest : Math.max(this.cursor, newest);
    this.loaded = true;
    return {
      kind: full ? 'full' : 'incremental',
      fromMs,
      unit: answer.unit,
      received: answer.received,
      notListed: answer.notListed,
      undated: answer.events.filter((event) => !event.hasUpdateTime).length,
      added: change.added,
      updated: change.updated,
    };
  }

  /**
   * One request for the events updated since `fromMs`, read as it arrives (the listed ones go to
   * `fill` too); throws `cancelled` instead of sending, or reading on, for an older generation.
   */
  private async ask(unit: TimestampUnit, fromMs: number, generation: number, fill?: ProgressiveFill, onProgress?: (progress: EventsProgress) => void): Promise<Answer> {
    if (generation !== this.generation) throw cancelled();
    const fromUpdateDate = unit === 'seconds' ? Math.floor(fromMs / 1000) : fromMs;
    const requestedMs = unit === 'seconds' ? fromUpdateDate * 1000 : fromMs;
    const events: PtaEvent[] = [];
    let received = 0;
    let wellBefore = 0;
    let noId = 0;
    let beforeWindow = 0;
    const take = (items: readonly unknown[]) => {
      if (generation !== this.generation) throw cancelled();
      const receivedAt = this.now();
      received += items.length;
      for (const item of items) {
        const event = normalizeEvent(item, receivedAt);
        if (!event) {
          noId++;
        } else if (!event.hasUpdateTime || event.lastUpdateTime >= requestedMs) {
          // An event without an update time cannot be placed against the window: it is listed, never dropped.
          events.push(event);
        } else {
          beforeWindow++;
          if (event.lastUpdateTime < requestedMs - EVIDENCE_MARGIN_MS) wellBefore++;
        }
      }
      fill?.add(events);
    };
    const rest = await this.fetchEvents({ fromUpdateDate }, (items, progress) => {
      take(items);
      onProgress?.(progress);
    });
    if (generation !== this.generation) throw cancelled();
    if (Array.isArray(rest)) take(rest);
    return { unit, requestedMs, received, events, notListed: { noId, beforeWindow }, wellBefore };
  }
}

/**
 * Puts a first load's events into the store as they arrive: the first few hundred at once, then
 * whenever as many again as shown have arrived, so the lists are sorted a handful of times, not once per batch.
 */
class ProgressiveFill {
  shown = 0;

  constructor(private readonly store: EventStore) {}

  /** `events`: the events listed so far. */
  add(events: readonly PtaEvent[]): void {
    const waiting = events.length - this.shown;
    if (waiting < Math.max(FIRST_FILL_EVENTS, this.shown)) return;
    this.store.upsertAll(events.slice(this.shown));
    this.shown = events.length;
  }
}

function newestRealUpdate(events: readonly PtaEvent[]): number {
  let newest = 0;
  for (const event of events) if (event.hasUpdateTime && event.lastUpdateTime > newest) newest = event.lastUpdateTime;
  return newest;
}

function dated(event: PtaEvent): boolean {
  return event.hasUpdateTime;
}

function cancelled(): PvwaError {
  return new PvwaError('cancelled', 'The refresh was stopped before its answer arrived.');
}

function ignore(): void {}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
