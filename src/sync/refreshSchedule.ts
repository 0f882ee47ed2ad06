/**
 * When the next automatic refresh happens: every `intervalSeconds` while active, doubling
 * after each consecutive failure up to a ceiling, never two at once. No VS Code here, and
 * the timer functions are injectable, so the timing is tested with a fake clock.
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface RefreshScheduleOptions {
  /** Runs one refresh; resolves whether it succeeded. */
  run(): Promise<boolean>;
  intervalSeconds(): number;
  isActive(): boolean;
  timers?: Timers;
  maxBackoffMs?: number;
}

export const DEFAULT_MAX_BACKOFF_MS = 15 * 60_000;

export class RefreshSchedule {
  private handle: unknown;
  private failures = 0;
  private readonly timers: Timers;

  constructor(private readonly options: RefreshScheduleOptions) {
    this.timers = options.timers ?? { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
  }

  get isArmed(): boolean {
    return this.handle !== undefined;
  }

  /** The delay the next timer uses, given the failures so far. */
  get nextDelayMs(): number {
    const base = this.options.intervalSeconds() * 1000;
    return Math.min(this.options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS, base * 2 ** this.failures);
  }

  /** Records the outcome of any refresh (manual ones too) and arms the next one. */
  completed(succeeded: boolean): void {
    this.failures = succeeded ? 0 : this.failures + 1;
    this.arm();
  }

  /** Re-arms after a settings change or sign-in. */
  restart(): void {
    this.stop();
    this.arm();
  }

  stop(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
  }

  reset(): void {
    this.stop();
    this.failures = 0;
  }

  private arm(): void {
    this.stop();
    if (this.options.intervalSeconds() <= 0 || !this.options.isActive()) return;
    this.handle = this.timers.setTimeout(() => {
      this.handle = undefined;
      void this.options.run();
    }, this.nextDelayMs);
  }
}
