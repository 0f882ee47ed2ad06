import * as vscode from 'vscode';
import { describeError, PvwaError } from '../api/errors';
import { EventsProgress } from '../api/pvwaClient';
import { PtaEvent } from '../model/ptaEvent';
import { EventRefresher, RefreshResult } from '../store/eventRefresher';
import * as inertWindow from '../ui/inertWindow';
import { Emitter } from '../util/emitter';
import { RefreshSchedule } from './refreshSchedule';

export interface RefreshState {
  /** When the list was last brought up to date (epoch ms). */
  readonly lastSuccess?: number;
  /** Why the last attempt failed; cleared by the next success. */
  readonly lastError?: string;
  readonly refreshing: boolean;
  /** Whether any load has succeeded since sign-in. */
  readonly loaded: boolean;
}

/** The view's progress note changes at most this often while an answer arrives. */
const PROGRESS_EVERY_MS = 250;

export interface RefreshControllerDeps {
  refresher: EventRefresher;
  isSignedIn(): boolean;
  autoRefreshSeconds(): number;
  log: { info(message: string): void; warn(message: string): void };
  /** Called after each refresh that brought the list up to date. */
  onRefreshed?(result: RefreshResult): void;
  /** Called with events first seen in an incremental refresh. */
  onNewEvents(events: readonly PtaEvent[]): void;
  /** The first automatic refresh of a failure streak failed: said once per streak, not per attempt. */
  onFailing(error: string): void;
  /** A refresh succeeded after a failure streak that was announced. */
  onRecovered(): void;
}

/**
 * Runs refreshes: on demand (with progress), and on a timer while signed in, backing off
 * exponentially while the vault fails. A failed refresh keeps the last good list and
 * records why, so the view can say it is stale.
 */
export class RefreshController implements vscode.Disposable {
  private state: RefreshState = { refreshing: false, loaded: false };
  private progressValue: EventsProgress | undefined;
  private readonly progressEmitter = new Emitter<EventsProgress | undefined>();
  /** How far the answer of a running refresh has arrived, at most every PROGRESS_EVERY_MS; undefined once it ends. */
  readonly onDidProgress = this.progressEmitter.event;
  private readonly schedule: RefreshSchedule;
  private readonly stateEmitter = new Emitter<RefreshState>();
  private streakAnnounced = false;
  private progressNotedAt = 0;
  readonly onDidChangeState = this.stateEmitter.event;

  constructor(private readonly deps: RefreshControllerDeps) {
    this.schedule = new RefreshSchedule({
      run: async () => (await this.refresh({ automatic: true })) !== undefined,
      intervalSeconds: deps.autoRefreshSeconds,
      isActive: deps.isSignedIn,
    });
  }

  get current(): RefreshState {
    return this.state;
  }

  /** See onDidProgress. */
  get progress(): EventsProgress | undefined {
    return this.progressValue;
  }

  /** Refreshes with a progress indicator in the view; errors are recorded, and thrown back when `rethrow`. */
  async refresh(options: { full?: boolean; rethrow?: boolean; automatic?: boolean } = {}): Promise<RefreshResult | undefined> {
    if (!this.deps.isSignedIn()) return undefined;
    this.schedule.stop();
    this.setState({ refreshing: true });
    let succeeded = false;
    try {
      const result = await inertWindow.withProgress(
        { location: { viewId: 'cyberarkPta.events' }, title: 'Refreshing PTA events' },
        () => this.deps.refresher.refresh({ full: options.full || !this.state.loaded, onProgress: (progress) => this.noteProgress(progress) }),
      );
      succeeded = true;
      this.setState({ refreshing: false, loaded: true, lastSuccess: Date.now(), lastError: undefined });
      if (this.streakAnnounced) {
        this.streakAnnounced = false;
        this.deps.onRecovered();
      }
      this.deps.log.info(describeRefresh(result));
      if (result.kind === 'incremental' && result.added.length > 0) this.deps.onNewEvents(result.added);
      this.deps.onRefreshed?.(result);
      return result;
    } catch (error) {
      if ((error instanceof PvwaError && error.kind === 'cancelled') || !this.deps.isSignedIn()) {
        // Signed out meanwhile (a renewal cut short, refused or interrupted included): not a failure of
        // this refresh, and nothing to retry; a refused renewal is told by the session.
        this.setState({ refreshing: false });
        succeeded = true;
        return undefined;
      }
      this.setState({ refreshing: false, lastError: describeError(error) });
      this.deps.log.warn(`Refresh failed: ${describeError(error)}`);
      // A manual refresh says so itself; either way the streak is announced once.
      if (options.automatic && !this.streakAnnounced) this.deps.onFailing(describeError(error));
      this.streakAnnounced = true;
      if (options.rethrow) throw error;
      return undefined;
    } finally {
      this.noteProgress(undefined);
      this.schedule.completed(succeeded);
    }
  }

  /** Forgets everything about the last session's loads and stops the timer. */
  reset(): void {
    this.deps.refresher.reset();
    this.streakAnnounced = false;
    this.schedule.reset();
    this.setState({ refreshing: false, loaded: false, lastSuccess: undefined, lastError: undefined });
  }

  /** Re-reads the interval (after a settings change) and re-arms the timer. */
  reschedule(): void {
    this.schedule.restart();
  }

  dispose(): void {
    this.schedule.stop();
    this.stateEmitter.dispose();
    this.progressEmitter.dispose();
  }

  private noteProgress(progress: EventsProgress | undefined): void {
    const now = Date.now();
    if (progress && this.progressValue && now - this.progressNotedAt < PROGRESS_EVERY_MS) return;
    if (!progress && !this.progressValue) return;
    this.progressValue = progress;
    this.progressNotedAt = now;
    this.progressEmitter.fire(progress);
  }

  private setState(patch: Partial<RefreshState>): void {
    this.state = { ...this.state, ...patch };
    this.stateEmitter.fire(this.state);
  }
}

/** One log line: what was received and listed, why anything was not, and what changed. */
export function describeRefresh(result: RefreshResult): string {
  const { noId, beforeWindow } = result.notListed;
  const listed = result.received - noId - beforeWindow;
  const notListed = [
    noId > 0 ? `${noId} not listed: no usable id` : '',
    beforeWindow > 0 ? `${beforeWindow} not listed: updated before the time asked for` : '',
  ].filter(Boolean);
  const undated = result.undated > 0 ? ` ${result.undated} came without a lastUpdateTime and are ordered by createTime or arrival.` : '';
  return (
    `${result.kind === 'full' ? 'Loaded' : 'Refreshed'}: received ${result.received}, listed ${listed}${notListed.length ? ` (${notListed.join('; ')})` : ''}, ` +
    `updated since ${new Date(result.fromMs).toISOString()} (${result.unit}); ${result.added.length} new, ${result.updated.length} updated.${undated}`
  );
}
