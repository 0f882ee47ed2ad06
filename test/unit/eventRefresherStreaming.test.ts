import assert from 'node:assert/strict';
import { parseVaultAddress } from '../../src/api/baseUrl';
import { PvwaError } from '../../src/api/errors';
import { EventsProgress, PvwaClient } from '../../src/api/pvwaClient';
import { EventFetcher, EventRefresher, TimestampUnit } from '../../src/store/eventRefresher';
import { EventStore } from '../../src/store/eventStore';
import { generateEvents, RawEvent } from '../simulator/data';
import { DEMO_PASSWORD, DEMO_USERNAME, PvwaSimulator } from '../simulator/server';

const NOW = 1_763_700_000_000;
const DAY = 86_400_000;

function raws(count: number, from = 0): RawEvent[] {
  return Array.from({ length: count }, (_, i) => ({ id: `e${from + i}`, type: 'GoldenTicket', score: 80, createTime: NOW - DAY, lastUpdateTime: NOW - DAY + i, mStatus: 'OPEN' }) as RawEvent);
}

function refresherOver(store: EventStore, fetchEvents: EventFetcher, now = () => NOW) {
  let unit: TimestampUnit | undefined = 'seconds';
  return new EventRefresher(store, fetchEvents, () => ({ lookbackDays: 60, unitSetting: 'auto' }), { get: () => unit, set: (value) => (unit = value) }, now);
}

/** Store sizes seen at each change. */
function watchSizes(store: EventStore): number[] {
  const sizes: number[] = [];
  store.onDidChange(() => sizes.push(store.size));
  return sizes;
}

const progress = (received: number): EventsProgress => ({ received, bytes: received * 100 });

describe('EventRefresher: a first load read as it streams in', () => {
  it('shows the first events from the simulator before the answer has ended, then the whole list', async function () {
    this.timeout(30_000);
    const events = generateEvents({ count: 20_000, seed: 7, averageAudits: 1 });
    const sim = new PvwaSimulator({ events });
    await sim.start();
    try {
      const client = new PvwaClient({ address: parseVaultAddress(sim.baseUrl), timeoutSeconds: 30 });
      const logon = await client.logon('CyberArk', DEMO_USERNAME, DEMO_PASSWORD);
      const token = logon.kind === 'token' ? logon.token : '';
      const store = new EventStore();
      const progressSeen: EventsProgress[] = [];
      const refresher = refresherOver(store, (query, onBatch) => client.streamEvents(token, query, onBatch), Date.now);
      let done = false;
      let sizeWhileLoading: number | undefined;
      store.onDidChange(() => {
        if (!done && sizeWhileLoading === undefined) sizeWhileLoading = store.size;
      });
      const result = await refresher.refresh({ onProgress: (p) => progressSeen.push(p) }).finally(() => (done = true));
      assert.ok(sizeWhileLoading !== undefined && sizeWhileLoading > 0 && sizeWhileLoading < events.length, `first rows at ${sizeWhileLoading} of ${events.length}`);
      assert.equal(store.size, events.length);
      assert.equal(result.received, events.length);
      assert.ok(progressSeen.length > 1 && progressSeen.at(-1)!.received === events.length && progressSeen.at(-1)!.bytes > 0);
    } finally {
      await sim.stop();
    }
  });

  it('a load cut short leaves no half list: the store goes back to empty and the cursor does not move', async () => {
    const store = new EventStore();
    const sizes = watchSizes(store);
    const refresher = refresherOver(store, async (_query, onBatch) => {
      onBatch(raws(600), progress(600));
      throw new PvwaError('invalidResponse', 'vault.example answered with incomplete or invalid JSON.');
    });
    await assert.rejects(refresher.refresh(), /incomplete or invalid JSON/);
    assert.deepEqual(sizes, [600, 0]);
    assert.equal(refresher.refreshCursor, 0);
  });

  it('a full load that fails over a list already shown keeps that list and never shows the partial one', async () => {
    const store = new EventStore();
    let fail = false;
    const refresher = refresherOver(store, async (_query, onBatch) => {
      if (!fail) return raws(1000);
      onBatch(raws(600, 5000), progress(600));
      throw new PvwaError('network', 'The connection was cut before the answer was complete.');
    });
    await refresher.refresh();
    const cursor = refresher.refreshCursor;
    const sizes = watchSizes(store);
    fail = true;
    await assert.rejects(refresher.refresh({ full: true }), /cut/);
    assert.deepEqual(sizes, []);
    assert.equal(store.size, 1000);
    assert.equal(refresher.refreshCursor, cursor);
  });

  it('after sign-out mid-stream the rest of the answer is refused and never reaches the store', async () => {
    const store = new EventStore();
    let secondBatch: unknown;
    const refresher = refresherOver(store, async (_query, onBatch) => {
      onBatch(raws(600), progress(600));
      // Sign-out, as VaultSource does it: the refresher is reset and the store cleared.
      refresher.reset();
      store.clear();
      try {
        onBatch(raws(600, 600), progress(1200));
      } catch (error) {
        secondBatch = error;
        throw error;
      }
    });
    await assert.rejects(refresher.refresh(), (e: unknown) => e instanceof PvwaError && e.kind === 'cancelled');
    assert.ok(secondBatch instanceof PvwaError && secondBatch.kind === 'cancelled', 'the second batch was refused, so the client stops reading');
    assert.equal(store.size, 0);
    assert.equal(refresher.refreshCursor, 0);
  });

  it('when the unit decision takes a second answer, it replaces what the first one showed', async () => {
    const store = new EventStore();
    let unit: TimestampUnit | undefined = 'milliseconds';
    const asked: number[] = [];
    // Reads seconds: the millisecond request is far in the future, so it answers only the undated events.
    const undated = Array.from({ length: 600 }, (_, i) => ({ id: `u${i}`, type: 'GoldenTicket', score: 80, createTime: NOW - DAY, mStatus: 'OPEN' }) as unknown as RawEvent);
    const refresher = new EventRefresher(
      store,
      async (query, onBatch) => {
        asked.push(query.fromUpdateDate ?? 0);
        if (asked.length === 1) onBatch(undated, progress(600));
        else onBatch([...undated, ...raws(10)], progress(610));
      },
      () => ({ lookbackDays: 60, unitSetting: 'auto' }),
      { get: () => unit, set: (value) => (unit = value) },
      () => NOW,
    );
    const sizes = watchSizes(store);
    await refresher.refresh();
    assert.equal(asked.length, 2);
    assert.equal(unit, 'seconds');
    assert.equal(sizes[0], 600);
    assert.equal(store.size, 610);
  });
});
