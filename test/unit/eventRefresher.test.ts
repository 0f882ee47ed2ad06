import assert from 'node:assert/strict';
import { EventQuery } from '../../src/api/pvwaClient';
import { EventRefresher, REFRESH_OVERLAP_MS, RefreshSettings, TimestampUnit } from '../../src/store/eventRefresher';
import { EventStore } from '../../src/store/eventStore';

const NOW = 1_763_700_000_000;
const DAY = 86_400_000;

function raw(id: string, lastUpdateTime: number, mStatus = 'OPEN') {
  return { id, type: 'GoldenTicket', score: 80, createTime: lastUpdateTime - 1000, lastUpdateTime, mStatus };
}

/** A fake vault that reads fromUpdateDate in a given unit, recording the queries. */
function vault(events: () => unknown[], reads: TimestampUnit) {
  const queries: EventQuery[] = [];
  const fetchEvents = async (query: EventQuery) => {
    queries.push(query);
    const fromMs = reads === 'seconds' ? (query.fromUpdateDate ?? 0) * 1000 : query.fromUpdateDate ?? 0;
    return events().filter((e) => (e as { lastUpdateTime: number }).lastUpdateTime >= fromMs);
  };
  return { queries, fetchEvents };
}

function setup(reads: TimestampUnit, settings: Partial<RefreshSettings> = {}, data = [raw('old', NOW - 40 * DAY), raw('a', NOW - 2 * DAY), raw('b', NOW - DAY)]) {
  const store = new EventStore();
  let remembered: TimestampUnit | undefined;
  const v = vault(() => data, reads);
  const refresher = new EventRefresher(
    store,
    v.fetchEvents,
    () => ({ lookbackDays: 30, unitSetting: 'auto', ...settings }),
    { get: () => remembered, set: (u) => (remembered = u) },
    () => NOW,
  );
  return { store, refresher, queries: v.queries, data, remembered: () => remembered };
}

describe('EventRefresher', () => {
  it('first load asks for the look-back window in seconds', async () => {
    const { refresher, queries, store } = setup('seconds');
    const result = await refresher.refresh();
    assert.equal(result.kind, 'full');
    assert.deepEqual(queries[0], { fromUpdateDate: Math.floor((NOW - 30 * DAY) / 1000), status: undefined, accountId: undefined });
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

  it('auto: a vault that reads milliseconds is detected and remembered, and its extra events are dropped', async () => {
    const { refresher, queries, store, remembered } = setup('milliseconds');
    await refresher.refresh();
    assert.equal(store.has('old'), false, 'events older than the window are filtered on the client');
    assert.equal(remembered(), 'milliseconds');
    await refresher.refresh();
    assert.equal(queries[1].fromUpdateDate, NOW - DAY - REFRESH_OVERLAP_MS);
  });

  it('forced milliseconds to a seconds-reading vault returns nothing, and says so by an empty list (the trap)', async () => {
    const { refresher, store } = setup('seconds', { unitSetting: 'milliseconds' });
    const result = await refresher.refresh();
    assert.equal(result.received, 0);
    assert.equal(store.size, 0);
  });

  it('passes vault-side filters and joins a refresh already running', async () => {
    const { refresher, queries } = setup('seconds', { status: 'OPEN', accountId: '27_3' });
    const [one, two] = await Promise.all([refresher.refresh(), refresher.refresh()]);
    assert.equal(one, two);
    assert.equal(queries.length, 1);
    assert.equal(queries[0].status, 'OPEN');
    assert.equal(queries[0].accountId, '27_3');
  });
});
