import assert from 'node:assert/strict';
import { parseVaultAddress } from '../../src/api/baseUrl';
import { PvwaError } from '../../src/api/errors';
import { EventQuery, PvwaClient } from '../../src/api/pvwaClient';
import { EventRefresher, REFRESH_OVERLAP_MS, RefreshSettings, TimestampUnit, UnitMemory } from '../../src/store/eventRefresher';
import { EventStore } from '../../src/store/eventStore';
import { normalizeEvent } from '../../src/model/ptaEvent';
import { RawEvent } from '../simulator/data';
import { DEMO_PASSWORD, DEMO_USERNAME, PvwaSimulator, RecordedRequest } from '../simulator/server';

const NOW = 1_763_700_000_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;

function raw(id: string, lastUpdateTime: number | undefined, mStatus = 'OPEN'): RawEvent {
  const createTime = (lastUpdateTime ?? NOW - 40 * DAY) - 1000;
  return { id, type: 'GoldenTicket', score: 80, createTime, lastUpdateTime, mStatus } as RawEvent;
}

/** Remembers the unit like the extension's global state, and every switch with its reason. */
function unitMemory(initial?: TimestampUnit) {
  const switches: Array<{ unit: TimestampUnit; reason: string }> = [];
  let unit = initial;
  const memory: UnitMemory = {
    get: () => unit,
    set: (u, reason) => {
      unit = u;
      switches.push({ unit: u, reason });
    },
  };
  return { memory, switches, current: () => unit };
}

/**
 * A fake vault reading fromUpdateDate in a given unit, recording the queries. Events without
 * lastUpdateTime are always returned, as a vault that cannot compare a missing value might.
 */
function fakeVault(events: () => RawEvent[], reads: TimestampUnit) {
  const queries: EventQuery[] = [];
  const fetchEvents = async (query: EventQuery) => {
    queries.push(query);
    const fromMs = reads === 'seconds' ? (query.fromUpdateDate ?? 0) * 1000 : query.fromUpdateDate ?? 0;
    return events().filter((e) => e.lastUpdateTime === undefined || e.lastUpdateTime >= fromMs);
  };
  return { queries, fetchEvents };
}

function setup(
  reads: TimestampUnit,
  settings: Partial<RefreshSettings> = {},
  data = [raw('old1', NOW - 40 * DAY), raw('old2', NOW - 35 * DAY), raw('old3', NOW - 32 * DAY), raw('a', NOW - 2 * DAY), raw('b', NOW - DAY)],
  initialUnit?: TimestampUnit,
) {
  const store = new EventStore();
  const units = unitMemory(initialUnit);
  const vault = fakeVault(() => data, reads);
  let now = NOW;
  const refresher = new EventRefresher(store, vault.fetchEvents, () => ({ lookbackDays: 30, unitSetting: 'auto', ...settings }), units.memory, () => now);
  return { store, refresher, queries: vault.queries, data, units, advance: (ms: number) => (now += ms) };
}

const isCancelled = (error: unknown) => error instanceof PvwaError && error.kind === 'cancelled';

describe('EventRefresher', () => {
  it('first load asks for the look-back window in seconds', async () => {
    const { refresher, queries, store } = setup('seconds');
    const result = await refresher.refresh();
    assert.equal(result.kind, 'full');
    assert.deepEqual(queries[0], { fromUpdateDate: Math.floor((NOW - 30 * DAY) / 1000) });
    assert.deepEqual(store.list('OPEN').map((e) => e.id), ['b', 'a']);
  });

  it('later refreshes ask from the newest update held, minus the overlap', async () => {
    const { refresher, queries, data, store } = setup('seconds');
    await refresher.refresh();
    data.push(raw('c', NOW + 5000), raw('a', NOW + 6000, 'CLOSED'));
    const result = await refresher.refresh();
    assert.equal(result.kind, 'incremental');
    assert.equal(queries[1].fromUpdateDate, Math.floor((NOW - DAY - REFRESH_OVERLAP_MS) / 1000));
    assert.deepEqual(result.added.map((e) => e.id), ['c']);
    assert.deepEqual(store.list('CLOSED').map((e) => e.id), ['a']);
  });

  it('only what a refresh received moves the cursor: a close answer newer than it does not', async () => {
    const { refresher, queries, data, store } = setup('milliseconds', { unitSetting: 'milliseconds' });
    await refresher.refresh();
    assert.equal(refresher.refreshCursor, NOW - DAY);
    // The analyst closes 'a' two minutes later; the vault answers with the event as closed then.
    store.upsert(normalizeEvent(raw('a', NOW + 2 * 60_000, 'CLOSED'))!);
    // Meanwhile a colleague closed 'b' a minute after the last refresh.
    data.push(raw('b', NOW + 60_000, 'CLOSED'));
    await refresher.refresh();
    assert.equal(refresher.refreshCursor, NOW + 60_000);
    assert.equal(queries[1].fromUpdateDate, NOW - DAY - REFRESH_OVERLAP_MS, 'asked from the last refresh, not from the close');
    assert.equal(store.get('b')?.status, 'CLOSED', "the colleague's close arrives");
  });

  it('events without a lastUpdateTime are listed, ordered by createTime or arrival, and counted', async () => {
    const undated = { id: 'no-time', type: 'GoldenTicket', score: 80, mStatus: 'OPEN' } as unknown as RawEvent;
    const created = { ...raw('created-only', undefined), createTime: NOW - 90 * DAY };
    const { refresher, store } = setup('seconds', {}, [undated, created, raw('a', NOW - 2 * DAY), { type: 'no id' } as unknown as RawEvent]);
    const result = await refresher.refresh();
    assert.deepEqual(store.list('OPEN').map((e) => e.id), ['no-time', 'a', 'created-only']);
    assert.equal(store.get('no-time')?.lastUpdateTime, NOW, 'ordered by the time it was received');
    assert.equal(result.undated, 2);
    assert.deepEqual(result.notListed, { noId: 1, beforeWindow: 0 });
    assert.equal(refresher.refreshCursor, NOW - 2 * DAY, 'stand-in times never move the cursor');
  });

  it('forced milliseconds to a seconds-reading vault returns nothing, and says so by an empty list (the trap)', async () => {
    const { refresher, store, queries, units } = setup('seconds', { unitSetting: 'milliseconds' });
    const result = await refresher.refresh();
    assert.equal(result.received, 0);
    assert.equal(store.size, 0);
    assert.equal(queries.length, 1, 'a forced unit is never second-guessed');
    assert.deepEqual(units.switches, []);
  });

  it('joins a refresh of the same kind already running', async () => {
    const { refresher, queries } = setup('seconds');
    const [one, two] = await Promise.all([refresher.refresh(), refresher.refresh()]);
    assert.equal(one, two);
    assert.equal(queries.length, 1);
  });

  describe('timestamp unit detection', () => {
    it('events without a lastUpdateTime never flip a seconds-reading vault to milliseconds', async () => {
      const { refresher, queries, store, units } = setup('seconds', {}, [
        raw('undated1', undefined), raw('undated2', undefined), raw('undated3', undefined), raw('undated4', undefined), raw('a', NOW - 2 * DAY),
      ]);
      await refresher.refresh();
      await refresher.refresh();
      assert.deepEqual(units.switches, []);
      assert.ok(queries.every((q) => (q.fromUpdateDate ?? 0) < 1e11), 'still asking in seconds');
      assert.ok(store.has('a'));
    });

    it('a few old events, or many only a little older than asked, are not evidence', async () => {
      // A vault answering with only two events older than the window...
      const oldButFew = setup('milliseconds', {}, [raw('x1', NOW - 40 * DAY), raw('x2', NOW - 50 * DAY), raw('a', NOW - 2 * DAY)]);
      // ...and one whose nodes disagree by hours about the time.
      const skewed = setup('milliseconds', {}, [1, 2, 3, 4].map((h) => raw(`y${h}`, NOW - 30 * DAY - h * HOUR)));
      for (const { refresher, units } of [oldButFew, skewed]) {
        await refresher.refresh();
        assert.deepEqual(units.switches, []);
      }
    });

    it('a vault that reads milliseconds is detected from clear evidence, with the reason, and its extra events are dropped', async () => {
      const sim = new PvwaSimulator({ timestampUnit: 'milliseconds' });
      await sim.start();
      try {
        const { refresher, store, units } = await againstSimulator(sim);
        const result = await refresher.refresh();
        assert.equal(result.unit, 'seconds');
        assert.deepEqual(units.switches.map((s) => s.unit), ['milliseconds']);
        assert.match(units.switches[0].reason, /in seconds.*\d+ .*more than a day before/);
        const windowStart = result.fromMs;
        assert.equal(store.size, sim.events().filter((e) => e.lastUpdateTime >= Math.floor(windowStart / 1000) * 1000).length);
        assert.ok(store.size < sim.events().length, 'events older than the window are filtered on the client');
        await refresher.refresh();
        assert.equal(Number(eventRequests(sim)[1].query.fromUpdateDate), refresher.refreshCursor - REFRESH_OVERLAP_MS);
      } finally {
        await sim.stop();
      }
    });

    it('switches back to seconds when a milliseconds request comes back empty but the same request in seconds does not', async () => {
      const sim = new PvwaSimulator({ timestampUnit: 'seconds' });
      await sim.start();
      try {
        const { refresher, store, units } = await againstSimulator(sim, 'milliseconds');
        const result = await refresher.refresh();
        const [inMs, inSeconds] = eventRequests(sim).map((r) => Number(r.query.fromUpdateDate));
        assert.ok(inMs > 1e11 && inSeconds < 1e11, `${inMs} then ${inSeconds}`);
        assert.deepEqual(units.switches.map((s) => s.unit), ['seconds']);
        assert.match(units.switches[0].reason, /in milliseconds.*none.*in seconds/);
        assert.equal(result.unit, 'seconds');
        assert.ok(store.size > 0, 'the list is not left empty');
        await refresher.refresh();
        assert.ok(Number(eventRequests(sim)[2].query.fromUpdateDate) < 1e11);
      } finally {
        await sim.stop();
      }
    });

    it('stays in milliseconds when the seconds request has nothing in the window either', async () => {
      const { refresher, queries, units } = setup('milliseconds', {}, [raw('old1', NOW - 40 * DAY), raw('old2', NOW - 35 * DAY)], 'milliseconds');
      await refresher.refresh();
      assert.equal(queries.length, 2);
      assert.deepEqual(units.switches, []);
    });

    it('an answer with events needs no check', async () => {
      const { refresher, queries } = setup('milliseconds', {}, undefined, 'milliseconds');
      await refresher.refresh();
      await refresher.refresh();
      assert.equal(queries.length, 2);
    });

    it('checks an empty full load in seconds always, an empty incremental one at most once an hour (the check can download the whole estate)', async () => {
      const { refresher, queries, advance, units } = setup('milliseconds', {}, [raw('old1', NOW - 40 * DAY)], 'milliseconds');
      await refresher.refresh();
      assert.equal(queries.length, 2);
      advance(60_000);
      await refresher.refresh();
      assert.equal(queries.length, 3);
      advance(HOUR);
      await refresher.refresh();
      assert.equal(queries.length, 5);
      await refresher.refresh({ full: true });
      assert.equal(queries.length, 7);
      assert.deepEqual(units.switches, []);
    });
  });

  describe('against a vault changing behind its back', () => {
    let sim: PvwaSimulator;
    beforeEach(async () => {
      sim = new PvwaSimulator({ timestampUnit: 'seconds' });
      await sim.start();
    });
    afterEach(() => sim.stop());

    it('an event closed in the vault moves to Closed after an incremental refresh, whatever filter the caller holds', async () => {
      const openOnly = { status: 'OPEN' };
      const { refresher, store } = await againstSimulator(sim, undefined, openOnly);
      await refresher.refresh();
      const target = store.list('OPEN')[0];
      sim.upsertEvent({ ...sim.getEvent(target.id)!, mStatus: 'CLOSED', closeReason: 'HANDLED', lastUpdateTime: Date.now() });
      const result = await refresher.refresh();
      assert.equal(result.kind, 'incremental');
      assert.equal(store.get(target.id)?.status, 'CLOSED');
      for (const request of eventRequests(sim)) {
        assert.deepEqual(Object.keys(request.query), ['fromUpdateDate'], 'status and account are view filters, never sent');
      }
    });

    it('a full load asked for while an incremental refresh runs runs after it; requests of one kind join', async () => {
      const { refresher, store } = await againstSimulator(sim);
      await refresher.refresh();
      sim.inject({ kind: 'latency', ms: 300 }, { method: 'GET' });
      const incremental = refresher.refresh();
      const full = refresher.refresh({ full: true });
      assert.equal(refresher.refresh(), incremental);
      assert.equal(refresher.refresh({ full: true }), full);
      sim.setEvents([raw('only', Date.now())]);
      assert.equal((await incremental).kind, 'incremental');
      const reloaded = await full;
      assert.equal(reloaded.kind, 'full');
      assert.deepEqual([...store.all()].map((e) => e.id), ['only'], 'the reload replaced the list');
      assert.equal(eventRequests(sim).length, 3);
    });

    it('an incremental refresh asked for while a full load runs joins it', async () => {
      const { refresher } = await againstSimulator(sim);
      await refresher.refresh();
      sim.inject({ kind: 'latency', ms: 200 }, { method: 'GET' });
      const full = refresher.refresh({ full: true });
      assert.equal(refresher.refresh(), full);
      await full;
      assert.equal(eventRequests(sim).length, 2);
    });

    it('after reset, an answer still on its way never refills the store, and the queued reload is dropped', async () => {
      const { refresher, store } = await againstSimulator(sim);
      await refresher.refresh();
      sim.inject({ kind: 'latency', ms: 300 }, { method: 'GET' });
      const stale = refresher.refresh();
      const queued = refresher.refresh({ full: true });
      await new Promise((resolve) => setTimeout(resolve, 50));
      refresher.reset();
      store.clear();
      assert.equal(refresher.isRefreshing, false);
      await assert.rejects(stale, isCancelled);
      await assert.rejects(queued, isCancelled);
      assert.equal(store.size, 0);
      assert.equal(eventRequests(sim).length, 2, 'the queued reload was never sent');
      assert.equal((await refresher.refresh()).kind, 'full', 'the first refresh after a reset is a full load');
    });

    it('after reset, a dropped answer sends no check in seconds and teaches nothing about the unit', async () => {
      const { refresher, units } = await againstSimulator(sim, 'milliseconds');
      sim.inject({ kind: 'latency', ms: 300 }, { method: 'GET' });
      const stale = refresher.refresh();
      await new Promise((resolve) => setTimeout(resolve, 50));
      refresher.reset();
      await assert.rejects(stale, isCancelled);
      assert.equal(eventRequests(sim).length, 1);
      assert.deepEqual(units.switches, []);
    });

    it('an incremental refresh on an empty but loaded list announces what arrives', async () => {
      sim.setEvents([]);
      const { refresher, store } = await againstSimulator(sim);
      assert.equal((await refresher.refresh()).kind, 'full');
      assert.equal(store.size, 0);
      sim.upsertEvent(raw('first', Date.now()));
      const result = await refresher.refresh();
      assert.equal(result.kind, 'incremental');
      assert.deepEqual(result.added.map((e) => e.id), ['first']);
      const from = Number(eventRequests(sim)[1].query.fromUpdateDate) * 1000;
      assert.ok(Math.abs(from - (Date.now() - 30 * DAY)) < 60_000, 'an empty list asks from the look-back start');
    });
  });
});

function eventRequests(sim: PvwaSimulator): RecordedRequest[] {
  return sim.requests.filter((r) => r.method === 'GET' && r.path.includes('/Events'));
}

/** A refresher reading the simulator through the real client; `extra` is spread into the settings as a caller might. */
async function againstSimulator(sim: PvwaSimulator, initialUnit?: TimestampUnit, extra: object = {}) {
  const client = new PvwaClient({ address: parseVaultAddress(sim.baseUrl), timeoutSeconds: 5 });
  const logon = await client.logon('CyberArk', DEMO_USERNAME, DEMO_PASSWORD);
  assert.equal(logon.kind, 'token');
  const token = logon.kind === 'token' ? logon.token : '';
  sim.clearRequests();
  const store = new EventStore();
  const units = unitMemory(initialUnit);
  const settings = (): RefreshSettings => ({ lookbackDays: 30, unitSetting: 'auto', ...extra });
  const refresher = new EventRefresher(store, (query) => client.getEvents(token, query), settings, units.memory);
  return { refresher, store, units };
}
