import assert from 'node:assert/strict';
import { PvwaError } from '../../src/api/errors';
import { OutcomeUnknownError } from '../../src/api/pvwaClient';
import { BulkProgress, clampConcurrency, runBulk } from '../../src/triage/bulkRunner';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `e${i}`);
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fake vault call that notes how many run at once. */
function recorder(ms = 2) {
  const state = { inFlight: 0, maxInFlight: 0, sent: [] as string[] };
  const send = async (id: string) => {
    state.sent.push(id);
    state.maxInFlight = Math.max(state.maxInFlight, ++state.inFlight);
    await tick(ms);
    state.inFlight--;
    return id.toUpperCase();
  };
  return { state, send };
}

describe('runBulk', () => {
  it('keeps the setting within 1..16, default 4', () => {
    assert.deepEqual([clampConcurrency(0), clampConcurrency(1), clampConcurrency(7.9), clampConcurrency(99), clampConcurrency('8'), clampConcurrency(NaN)], [1, 1, 7, 16, 4, 4]);
  });

  for (const concurrency of [1, 4, 16]) {
    it(`never has more than ${concurrency} in flight, and uses them all`, async () => {
      const { state, send } = recorder();
      const outcome = await runBulk(ids(50), send, { concurrency });
      assert.equal(state.maxInFlight, concurrency);
      assert.deepEqual(outcome.succeeded.map((s) => s.result), ids(50).map((id) => id.toUpperCase()));
      assert.deepEqual([outcome.failed.length, outcome.outcomeUnknown.length, outcome.notSent.length, outcome.cancelled], [0, 0, 0, false]);
    });
  }

  it('reports progress after every settled item, ending with all done', async () => {
    const reports: BulkProgress[] = [];
    await runBulk(ids(12), recorder().send, { concurrency: 3, onProgress: (p) => reports.push(p) });
    assert.equal(reports.length, 12);
    assert.deepEqual(reports.map((r) => r.done), Array.from({ length: 12 }, (_, i) => i + 1));
    assert.ok(reports.every((r) => r.total === 12 && r.inFlight <= 3));
  });

  it('stops sending at once on an AbortSignal, awaits what is in flight, and counts the rest as not sent', async () => {
    const { state, send } = recorder(5);
    const abort = new AbortController();
    const outcome = await runBulk(ids(100), send, {
      concurrency: 4,
      cancel: abort.signal,
      onProgress: (p) => p.done === 10 && abort.abort(),
    });
    assert.equal(outcome.cancelled, true);
    assert.equal(state.sent.length, outcome.succeeded.length, 'everything sent settled as succeeded');
    assert.ok(state.sent.length <= 13, `sent ${state.sent.length}: at most those in flight at the cancel`);
    assert.equal(outcome.succeeded.length + outcome.notSent.length, 100);
    assert.deepEqual(outcome.notSent, ids(100).slice(state.sent.length));
  });

  it('takes a CancellationToken-shaped object too', async () => {
    const listeners: Array<() => void> = [];
    const token = { isCancellationRequested: false, onCancellationRequested: (l: () => void) => (listeners.push(l), { dispose() {} }) };
    const { state, send } = recorder(5);
    const outcome = await runBulk(ids(40), send, {
      concurrency: 2,
      cancel: token,
      onProgress: (p) => {
        if (p.done === 4) {
          token.isCancellationRequested = true;
          listeners.forEach((l) => l());
        }
      },
    });
    assert.equal(outcome.cancelled, true);
    assert.equal(outcome.succeeded.length + outcome.notSent.length, 40);
    assert.equal(state.sent.length, outcome.succeeded.length);
    assert.ok(outcome.notSent.length >= 34);
  });

  it('sends nothing when cancelled before it starts', async () => {
    const { state, send } = recorder();
    const abort = new AbortController();
    abort.abort();
    const outcome = await runBulk(ids(5), send, { concurrency: 4, cancel: abort.signal });
    assert.deepEqual([state.sent.length, outcome.notSent.length, outcome.cancelled], [0, 5, true]);
  });

  it('slows down on 429 and 503, resends, and lowers the concurrency instead of failing', async () => {
    const refusals = new Map<string, number>([['e3', 2], ['e4', 1], ['e5', 1], ['e9', 3]]);
    const { state, send } = recorder(2);
    const reports: BulkProgress[] = [];
    const outcome = await runBulk(
      ids(30),
      async (id) => {
        const left = refusals.get(id) ?? 0;
        if (left > 0) {
          refusals.set(id, left - 1);
          state.sent.push(id);
          throw new PvwaError('server', 'too many', id === 'e9' ? 503 : 429);
        }
        return send(id);
      },
      { concurrency: 8, backoffMs: 5, onProgress: (p) => reports.push(p) },
    );
    assert.equal(outcome.succeeded.length, 30);
    assert.equal(outcome.failed.length, 0);
    assert.equal(state.sent.filter((id) => id === 'e9').length, 4, 'refused three times, then sent once more');
    assert.ok(Math.min(...reports.map((r) => r.concurrency)) < 8, 'the concurrency went down');
    assert.ok(state.maxInFlight <= 8);
  });

  it('gives up on an item after the bounded number of tries', async () => {
    let tries = 0;
    const outcome = await runBulk(['only'], async () => {
      tries++;
      throw new PvwaError('server', 'host answered HTTP 429.', 429);
    }, { concurrency: 4, maxTries: 3, backoffMs: 1 });
    assert.equal(tries, 3);
    assert.deepEqual(outcome.failed, [{ item: 'only', message: 'host answered HTTP 429.' }]);
  });

  it('stops the batch on a session that cannot be renewed: nothing more is sent', async () => {
    const { state, send } = recorder(3);
    const outcome = await runBulk(ids(50), async (id) => {
      if (id === 'e7') throw new PvwaError('auth', 'PASWS013E: Authentication failure for User [analyst].', 403);
      return send(id);
    }, { concurrency: 4 });
    assert.equal(outcome.stopped, 'PASWS013E: Authentication failure for User [analyst].');
    assert.equal(outcome.cancelled, false);
    assert.deepEqual(outcome.failed.map((f) => f.item), ['e7']);
    assert.ok(state.sent.length <= 10, `sent ${state.sent.length}`);
    assert.equal(outcome.succeeded.length + outcome.failed.length + outcome.notSent.length, 50);
    assert.ok(!outcome.notSent.some((id) => state.sent.includes(id)));
  });

  it('keeps lost answers apart from failures', async () => {
    const outcome = await runBulk(ids(4), async (id) => {
      if (id === 'e1') throw new OutcomeUnknownError('vault', new PvwaError('network', 'cut'));
      if (id === 'e2') throw new PvwaError('notFound', 'PASWS209E: Security event [e2] was not found.', 404);
      return id;
    }, { concurrency: 2 });
    assert.deepEqual(outcome.succeeded.map((s) => s.item), ['e0', 'e3']);
    assert.deepEqual(outcome.outcomeUnknown.map((f) => f.item), ['e1']);
    assert.match(outcome.outcomeUnknown[0].message, /whether it was applied is unknown/);
    assert.deepEqual(outcome.failed, [{ item: 'e2', message: 'PASWS209E: Security event [e2] was not found.' }]);
  });
});
