import { describeError, PvwaError, RenewalFailedError } from '../api/errors';
import { isOutcomeUnknown } from '../api/pvwaClient';

/**
 * Runs one request per item side by side, never more than the concurrency at once. A vault that
 * answers 429 or 503 slows the batch down (the item waits and is resent, the concurrency halves,
 * then grows back one step at a time) instead of failing it. Cancel stops sending at once;
 * requests already in flight are awaited, so the outcome is exact. Pure: no vscode.
 */

/** An AbortSignal, or anything shaped like vscode's CancellationToken. */
export type CancelSignal =
  | AbortSignal
  | {
      readonly isCancellationRequested: boolean;
      onCancellationRequested?(listener: () => unknown): { dispose(): unknown };
    };

/** The setting cyberarkPta.bulkConcurrency. */
export const BULK_CONCURRENCY = { default: 4, min: 1, max: 16 } as const;

/** A whole number within 1..16; anything else gives the default. */
export function clampConcurrency(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return BULK_CONCURRENCY.default;
  return Math.min(BULK_CONCURRENCY.max, Math.max(BULK_CONCURRENCY.min, Math.floor(value)));
}

export interface BulkProgress {
  readonly total: number;
  /** Items settled, whatever their outcome. */
  readonly done: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly outcomeUnknown: number;
  readonly inFlight: number;
  /** The concurrency now: lower than asked while the vault is throttling. */
  readonly concurrency: number;
}

/**
 * What a failed request means for the batch: `throttled` resend later, `stop` send nothing more
 * (the session is gone), `unknown` sent but the answer was lost, `failed` this item failed.
 */
export type FailureVerdict = 'throttled' | 'stop' | 'unknown' | 'failed';

export interface BulkOptions {
  /** Clamped to 1..16. */
  concurrency: number;
  cancel?: CancelSignal;
  onProgress?(progress: BulkProgress): void;
  /** Sends per item while the vault throttles, the first included; default 6. */
  maxTries?: number;
  /** The first wait after a throttled answer, doubled per try up to maxBackoffMs; default 250 and 4000. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Default: vaultFailureVerdict. */
  verdict?(error: unknown): FailureVerdict;
}

export interface BulkOutcome<I, R> {
  readonly succeeded: ReadonlyArray<{ readonly item: I; readonly result: R }>;
  readonly failed: ReadonlyArray<{ readonly item: I; readonly message: string }>;
  /** Sent, but the answer was lost: the item may or may not have changed. */
  readonly outcomeUnknown: ReadonlyArray<{ readonly item: I; readonly message: string }>;
  /** Never sent, or refused for load and not resent: unchanged. */
  readonly notSent: readonly I[];
  readonly cancelled: boolean;
  /** Why the batch stopped early (the session could not be renewed), when it did. */
  readonly stopped?: string;
}

const THROTTLE_STATUSES = new Set([429, 503]);

/**
 * The vault's failures read for a batch. Session.call has already renewed an expired session
 * once, so an expiry or a refusal that still comes out means signing in failed: stop.
 */
export function vaultFailureVerdict(error: unknown): FailureVerdict {
  if (isOutcomeUnknown(error)) return 'unknown';
  if (!(error instanceof PvwaError)) return 'failed';
  // Signing in again failed: resending would only ask the logon again.
  if (error instanceof RenewalFailedError) return 'stop';
  if (error.status !== undefined && THROTTLE_STATUSES.has(error.status)) return 'throttled';
  if (error.kind === 'auth' || error.kind === 'sessionExpired') return 'stop';
  return 'failed';
}

interface Pending<I> {
  readonly index: number;
  readonly item: I;
  tries: number;
  notBefore: number;
}

export function runBulk<I, R>(items: readonly I[], send: (item: I) => Promise<R>, options: BulkOptions): Promise<BulkOutcome<I, R>> {
  const maxConcurrency = clampConcurrency(options.concurrency);
  const maxTries = options.maxTries ?? 6;
  const backoffMs = options.backoffMs ?? 250;
  const maxBackoffMs = options.maxBackoffMs ?? 4000;
  const verdict = options.verdict ?? vaultFailureVerdict;
  const cancel = watchCancel(options.cancel);

  const succeeded: Array<{ index: number; item: I; result: R }> = [];
  const failed: Array<{ index: number; item: I; message: string }> = [];
  const unknown: Array<{ index: number; item: I; message: string }> = [];
  const notSent: Array<{ index: number; item: I }> = [];
  const retries: Array<Pending<I>> = [];
  let next = 0;
  let inFlight = 0;
  let limit = maxConcurrency;
  // Halve once per wave of refusals: requests started before the last decrease do not halve again.
  let generation = 0;
  let successesSinceChange = 0;
  let stopped: string | undefined;

  const halted = () => stopped !== undefined || cancel.cancelled;
  const progress = () =>
    options.onProgress?.({
      total: items.length,
      done: succeeded.length + failed.length + unknown.length + notSent.length,
      succeeded: succeeded.length,
      failed: failed.length,
      outcomeUnknown: unknown.length,
      inFlight,
      concurrency: limit,
    });

  return new Promise((resolve) => {
    const finish = () => {
      cancel.dispose();
      for (const pending of retries.splice(0)) notSent.push(pending);
      while (next < items.length) notSent.push({ index: next, item: items[next++] });
      const byIndex = <T extends { index: number }>(list: T[]) => list.sort((a, b) => a.index - b.index);
      resolve({
        succeeded: byIndex(succeeded).map(({ item, result }) => ({ item, result })),
        failed: byIndex(failed).map(({ item, message }) => ({ item, message })),
        outcomeUnknown: byIndex(unknown).map(({ item, message }) => ({ item, message })),
        notSent: byIndex(notSent).map(({ item }) => item),
        cancelled: cancel.cancelled && stopped === undefined,
        stopped,
      });
    };

    const pump = () => {
      while (!halted() && inFlight < limit && (retries.length > 0 || next < items.length)) {
        const pending = retries.shift() ?? { index: next, item: items[next++], tries: 0, notBefore: 0 };
        inFlight++;
        void attempt(pending).finally(() => {
          inFlight--;
          progress();
          pump();
        });
      }
      if (inFlight === 0 && (halted() || (retries.length === 0 && next >= items.length))) finish();
    };

    const attempt = async (pending: Pending<I>): Promise<void> => {
      const wait = pending.notBefore - Date.now();
      if (wait > 0) await cancel.sleep(wait);
      if (halted()) {
        notSent.push(pending);
        return;
      }
      const startedIn = generation;
      pending.tries++;
      try {
        const result = await send(pending.item);
        succeeded.push({ index: pending.index, item: pending.item, result });
        if (limit < maxConcurrency && ++successesSinceChange >= limit) {
          limit++;
          successesSinceChange = 0;
        }
      } catch (error) {
        const message = describeError(error);
        switch (verdict(error)) {
          case 'throttled':
            if (pending.tries >= maxTries) {
              failed.push({ ...pending, message });
              return;
            }
            if (startedIn === generation) {
              generation++;
              limit = Math.max(1, Math.floor(limit / 2));
              successesSinceChange = 0;
            }
            pending.notBefore = Date.now() + Math.min(maxBackoffMs, backoffMs * 2 ** (pending.tries - 1));
            retries.unshift(pending);
            return;
          case 'stop':
            stopped ??= message;
            failed.push({ ...pending, message });
            return;
          case 'unknown':
            unknown.push({ ...pending, message });
            return;
          case 'failed':
            failed.push({ ...pending, message });
        }
      }
    };

    cancel.onCancel(pump);
    pump();
  });
}

interface CancelWatch {
  readonly cancelled: boolean;
  onCancel(listener: () => void): void;
  /** Resolves after `ms`, or at once when cancelled. */
  sleep(ms: number): Promise<void>;
  dispose(): void;
}

function watchCancel(signal: CancelSignal | undefined): CancelWatch {
  const listeners = new Set<() => void>();
  const fire = () => {
    for (const listener of [...listeners]) listener();
  };
  let detach = () => {};
  if (signal && 'aborted' in signal) {
    signal.addEventListener('abort', fire);
    detach = () => signal.removeEventListener('abort', fire);
  } else if (signal?.onCancellationRequested) {
    const registration = signal.onCancellationRequested(fire);
    detach = () => void registration.dispose();
  }
  const isCancelled = () => (signal ? ('aborted' in signal ? signal.aborted : signal.isCancellationRequested) : false);
  return {
    get cancelled() {
      return isCancelled();
    },
    onCancel: (listener) => void listeners.add(listener),
    sleep: (ms) =>
      new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          listeners.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        listeners.add(done);
      }),
    dispose: () => {
      detach();
      listeners.clear();
    },
  };
}
