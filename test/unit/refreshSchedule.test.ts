import assert from 'node:assert/strict';
import { RefreshSchedule, Timers } from '../../src/sync/refreshSchedule';

/** A manual clock: timers fire only when the test advances time. */
class FakeTimers implements Timers {
  now = 0;
  private next = 1;
  readonly pending = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): number {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.pending].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.now = due[1].at;
      due[1].callback();
    }
    this.now = until;
  }
}

describe('RefreshSchedule', () => {
  function setup(outcomes: boolean[], interval = 60) {
    const timers = new FakeTimers();
    const runs: number[] = [];
    let active = true;
    let seconds = interval;
    const schedule: RefreshSchedule = new RefreshSchedule({
      run: async () => {
        runs.push(timers.now);
        const ok = outcomes.shift() ?? true;
        schedule.completed(ok);
        return ok;
      },
      intervalSeconds: () => seconds,
      isActive: () => active,
      timers,
      maxBackoffMs: 8 * 60_000,
    });
    return { timers, runs, schedule, setActive: (a: boolean) => (active = a), setSeconds: (s: number) => (seconds = s) };
  }

  it('refreshes every interval while things go well', () => {
    const { timers, runs, schedule } = setup([]);
    schedule.completed(true);
    timers.advance(3 * 60_000);
    assert.deepEqual(runs, [60_000, 120_000, 180_000]);
    assert.equal(timers.pending.size, 1, 'exactly one timer armed: no overlapping refreshes');
  });

  it('backs off exponentially while the vault fails, up to the ceiling, and recovers at once', () => {
    const { timers, runs, schedule } = setup([false, false, false, false, true]);
    schedule.completed(false);
    timers.advance(60 * 60_000);
    // failures: first wait 2 min, then 4, 8, 8 (ceiling), then success resets to 1 min.
    assert.deepEqual(runs.slice(0, 6), [120_000, 360_000, 840_000, 1_320_000, 1_800_000, 1_860_000]);
  });

  it('does not poll while signed out, nor when turned off', () => {
    const off = setup([], 0);
    off.schedule.completed(true);
    off.timers.advance(10 * 60_000);
    assert.deepEqual(off.runs, []);

    const signedOut = setup([]);
    signedOut.setActive(false);
    signedOut.schedule.completed(true);
    signedOut.timers.advance(10 * 60_000);
    assert.deepEqual(signedOut.runs, []);
  });

  it('stops on reset and re-arms with a new interval on restart', () => {
    const { timers, runs, schedule, setSeconds } = setup([]);
    schedule.completed(true);
    schedule.reset();
    timers.advance(5 * 60_000);
    assert.deepEqual(runs, []);
    setSeconds(10);
    schedule.restart();
    timers.advance(25_000);
    assert.deepEqual(runs, [310_000, 320_000]);
  });
});
