import assert from 'node:assert/strict';
import { computeOverview, OverviewData, OverviewInput, TYPE_LIMIT } from '../../src/derived/overviewAggregates';
import { ZonedCalendar } from '../../src/derived/zonedCalendar';
import type { Entity, EntityKind } from '../../src/model/entities';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { generateEvents } from '../simulator/data';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 2, 20, 15, 30); // Friday 20 March 2026, 15:30 UTC

function event(id: string, fields: Partial<PtaEvent> = {}): PtaEvent {
  return { id, type: 'SuspectedCredentialsTheft', score: 50, status: 'OPEN', createTime: NOW - HOUR, lastUpdateTime: NOW - HOUR, hasUpdateTime: true, auditCount: 0, raw: {}, ...fields };
}

/** Entities are given per event id, as the real index would answer them. */
function entitiesFrom(table: Record<string, Array<[EntityKind, string]>>): (e: PtaEvent) => Entity[] {
  return (e) => (table[e.id] ?? []).map(([kind, label]) => ({ kind, key: `${kind}:${label.toLowerCase()}`, label }));
}

function overview(events: PtaEvent[], options: Partial<OverviewInput> = {}): OverviewData {
  return computeOverview({
    sources: [{ id: 'vault:a', label: 'Vault A', events }],
    now: NOW,
    lookbackDays: 7,
    timeZone: 'UTC',
    entitiesOf: () => [],
    ...options,
  });
}

function bucketTotal(b: { open: Record<string, number>; closed: Record<string, number> }): number {
  return Object.values(b.open).reduce((s, n) => s + n, 0) + Object.values(b.closed).reduce((s, n) => s + n, 0);
}

describe('computeOverview', () => {
  it('answers zeros, a full set of empty buckets and no median for no events', () => {
    for (const sources of [[], [{ id: 'vault:a', label: 'A', events: [] }]]) {
      const o = computeOverview({ sources, now: NOW, lookbackDays: 30, timeZone: 'UTC', entitiesOf: () => [] });
      assert.equal(o.total, 0);
      assert.deepEqual(o.openByBand, { high: 0, medium: 0, low: 0 });
      assert.equal(o.timeline.unit, 'day');
      assert.equal(o.timeline.buckets.length, 30);
      assert.ok(o.timeline.buckets.every((b) => bucketTotal(b) === 0));
      assert.deepEqual(o.types, []);
      assert.deepEqual(o.topEntities, { account: [], user: [], host: [] });
      assert.deepEqual(o.closedByReason, []);
      assert.deepEqual(o.closeTime, { medianMs: undefined, medianText: undefined, sampleCount: 0 });
      assert.equal(o.sources.length, sources.length);
    }
  });

  it('places one event everywhere it belongs', () => {
    const one = event('e1', { type: 'GoldenTicket', score: 96, createTime: Date.UTC(2026, 2, 18, 9), lastUpdateTime: NOW - HOUR });
    const o = overview([one], { entitiesOf: entitiesFrom({ e1: [['account', 'CORP\\svc_sql'], ['host', 'DC01']] }) });
    assert.equal(o.total, 1);
    assert.equal(o.open, 1);
    assert.deepEqual(o.openByBand, { high: 1, medium: 0, low: 0 });
    const filled = o.timeline.buckets.filter((b) => bucketTotal(b) > 0);
    assert.deepEqual(filled.map((b) => [b.key, b.label, b.open.high]), [['2026-03-18', 'Wed 18 Mar', 1]]);
    assert.deepEqual(o.types, [{ type: 'GoldenTicket', label: 'Golden Ticket', open: 1, closed: 0 }]);
    assert.deepEqual(o.topEntities.account, [{ sourceId: 'vault:a', kind: 'account', key: 'account:corp\\svc_sql', label: 'CORP\\svc_sql', openCount: 1, maxOpenScore: 96, band: 'high', scoreText: '96' }]);
    assert.equal(o.topEntities.host[0].label, 'DC01');
    assert.deepEqual(o.sources, [{ id: 'vault:a', label: 'Vault A', open: 1, closed: 0, openByBand: { high: 1, medium: 0, low: 0 } }]);
  });

  it('buckets per day by creation time, midnight belonging to the new day, and counts what falls outside', () => {
    const o = overview([
      event('midnight', { createTime: Date.UTC(2026, 2, 19) }),
      event('before-midnight', { createTime: Date.UTC(2026, 2, 19) - 1, status: 'CLOSED', score: 10 }),
      event('no-create-time', { createTime: undefined, lastUpdateTime: Date.UTC(2026, 2, 14, 0, 0, 1), score: 80 }),
      event('too-old', { createTime: Date.UTC(2026, 2, 13, 23, 59), lastUpdateTime: NOW }),
      event('future', { createTime: Date.UTC(2026, 2, 21, 0, 0, 1) }),
    ]);
    const byKey = new Map(o.timeline.buckets.map((b) => [b.key, b]));
    assert.equal(o.timeline.buckets[0].key, '2026-03-14');
    assert.equal(o.timeline.buckets[6].key, '2026-03-20');
    assert.equal(o.timeline.buckets[6].end, Date.UTC(2026, 2, 21));
    assert.deepEqual(byKey.get('2026-03-19')?.open, { high: 0, medium: 1, low: 0 });
    assert.deepEqual(byKey.get('2026-03-18')?.closed, { high: 0, medium: 0, low: 1 });
    assert.deepEqual(byKey.get('2026-03-14')?.open, { high: 1, medium: 0, low: 0 });
    assert.equal(o.timeline.earlier, 1);
    assert.equal(o.timeline.later, 1);
  });

  it('buckets per hour when the window is two days or less, and per day above', () => {
    const o = overview([event('e', { createTime: Date.UTC(2026, 2, 20, 14, 59) })], { lookbackDays: 2 });
    assert.equal(o.timeline.unit, 'hour');
    assert.equal(o.timeline.buckets.length, 48);
    const last = o.timeline.buckets[47];
    assert.equal(last.key, '2026-03-20T15:00+00:00');
    assert.equal(last.label, '15:00');
    assert.equal(last.end, Date.UTC(2026, 2, 20, 16));
    const filled = o.timeline.buckets.filter((b) => bucketTotal(b) > 0);
    assert.deepEqual(filled.map((b) => b.key), ['2026-03-20T14:00+00:00']);
    assert.equal(overview([], { lookbackDays: 3 }).timeline.unit, 'day');
  });

  it('follows the days of the zone it is given', () => {
    // 02:00 UTC on 10 March: still the 9th in New York, already the 10th in Berlin.
    const e = event('e', { createTime: Date.UTC(2026, 2, 10, 2) });
    const dayIn = (timeZone: string) =>
      overview([e], { timeZone, lookbackDays: 30 }).timeline.buckets.find((b) => bucketTotal(b) > 0)?.key;
    assert.equal(dayIn('America/New_York'), '2026-03-09');
    assert.equal(dayIn('Europe/Berlin'), '2026-03-10');
    assert.equal(dayIn('Asia/Kolkata'), '2026-03-10');
    const kolkata = overview([], { timeZone: 'Asia/Kolkata', lookbackDays: 1 });
    assert.equal(kolkata.timeline.buckets[23].key, '2026-03-20T21:00+05:30');
    assert.equal(kolkata.timeline.buckets[23].start, Date.UTC(2026, 2, 20, 15, 30));
  });

  it('gives a daylight-saving day its real length and keeps a repeated hour apart', () => {
    const berlinSpring = overview([], { timeZone: 'Europe/Berlin', now: Date.UTC(2026, 2, 30, 12), lookbackDays: 3 });
    const march29 = berlinSpring.timeline.buckets.find((b) => b.key === '2026-03-29');
    assert.equal(march29?.start, Date.UTC(2026, 2, 28, 23));
    assert.equal(march29!.end - march29!.start, 23 * HOUR);

    const newYorkAutumn = overview([event('e', { createTime: Date.UTC(2026, 10, 1, 5, 30) })], {
      timeZone: 'America/New_York',
      now: Date.UTC(2026, 10, 2, 12),
      lookbackDays: 3,
    });
    const november1 = newYorkAutumn.timeline.buckets.find((b) => b.key === '2026-11-01');
    assert.equal(november1!.end - november1!.start, 25 * HOUR);
    assert.equal(november1!.open.medium, 1, '01:30 EDT on the day the clocks go back');

    const berlinAutumn = overview([], { timeZone: 'Europe/Berlin', now: Date.UTC(2026, 9, 25, 3), lookbackDays: 1 });
    const keys = berlinAutumn.timeline.buckets.map((b) => b.key);
    assert.ok(keys.includes('2026-10-25T02:00+02:00') && keys.includes('2026-10-25T02:00+01:00'));
    assert.equal(new Set(keys).size, keys.length);
  });

  it('starts a day at the jump when its midnight is skipped, and at the first of two midnights', () => {
    const santiago = new ZonedCalendar('America/Santiago');
    assert.equal(santiago.startOfDay({ year: 2026, month: 9, day: 6 }), Date.UTC(2026, 8, 6, 4));
    const havana = new ZonedCalendar('America/Havana');
    assert.equal(havana.startOfDay({ year: 2026, month: 11, day: 1 }), Date.UTC(2026, 10, 1, 4));
    assert.equal(havana.startOfDay({ year: 2026, month: 11, day: 1 }, -5 * HOUR), Date.UTC(2026, 10, 1, 4));
  });

  it('falls back to a real zone for an unknown one', () => {
    assert.notEqual(overview([], { timeZone: 'Mars/Olympus_Mons' }).timeline.timeZone, 'Mars/Olympus_Mons');
  });

  it('lists types by count with readable names, the rest summed', () => {
    const events = [
      event('a1', { type: 'PassTheHash' }),
      event('a2', { type: 'PassTheHash', status: 'CLOSED' }),
      event('b1', { type: 'DCSync' }),
      ...Array.from({ length: TYPE_LIMIT + 2 }, (_, i) => event(`x${i}`, { type: `Custom${String(i).padStart(2, '0')}` })),
    ];
    const o = overview(events);
    assert.deepEqual(o.types[0], { type: 'PassTheHash', label: 'Pass-the-hash', open: 1, closed: 1 });
    assert.equal(o.types.length, TYPE_LIMIT);
    assert.deepEqual(o.otherTypes, { types: 4, events: 4 });
  });

  it('ranks entities by highest open score then open count, open events only, never merged across sources', () => {
    const entitiesOf = entitiesFrom({
      o1: [['user', 'alice'], ['host', 'db01']],
      o2: [['user', 'alice']],
      o3: [['user', 'bob']],
      o4: [['user', 'carol']],
      c1: [['user', 'dave']],
      b1: [['user', 'alice']],
    });
    const o = computeOverview({
      sources: [
        { id: 'vault:a', label: 'A', events: [event('o1', { score: 60 }), event('o2', { score: 40 }), event('o3', { score: 60 }), event('o4', { score: 90 }), event('c1', { score: 99, status: 'CLOSED' })] },
        { id: 'vault:b', label: 'B', events: [event('b1', { score: 10 })] },
      ],
      now: NOW,
      lookbackDays: 7,
      timeZone: 'UTC',
      entitiesOf,
      topCount: 3,
    });
    assert.deepEqual(
      o.topEntities.user.map((r) => [r.sourceId, r.label, r.maxOpenScore, r.openCount]),
      [['vault:a', 'carol', 90, 1], ['vault:a', 'alice', 60, 2], ['vault:a', 'bob', 60, 1]],
    );
    const all = computeOverview({ sources: [{ id: 'vault:b', label: 'B', events: [event('b1', { score: 10 })] }, { id: 'vault:a', label: 'A', events: [event('o2')] }], now: NOW, lookbackDays: 7, entitiesOf });
    assert.deepEqual(all.topEntities.user.map((r) => r.sourceId), ['vault:a', 'vault:b']);
  });

  it('counts closed events by readable reason and takes the median time from creation to last update', () => {
    const closed = (id: string, closeReason: string | undefined, hours: number, createTime: number | undefined = NOW - 10 * DAY) =>
      event(id, { status: 'CLOSED', closeReason, createTime, lastUpdateTime: (createTime ?? NOW - 10 * DAY) + hours * HOUR });
    const o = overview([
      closed('1', 'HANDLED', 1),
      closed('2', 'handled', 3),
      closed('3', 'NOTREAL', 10),
      closed('4', undefined, 2),
      event('5', { status: 'CLOSED', closeReason: 'None', createTime: undefined, lastUpdateTime: NOW }),
      event('open', { createTime: NOW - 40 * DAY }),
    ]);
    assert.deepEqual(o.closedByReason, [
      { label: 'Handled', count: 2 },
      { label: 'Not given', count: 2 },
      { label: 'False positive', count: 1 },
    ]);
    assert.deepEqual(o.closeTime, { medianMs: 2.5 * HOUR, medianText: '2 h 30 min', sampleCount: 4 });
    assert.equal(overview([closed('1', 'OTHER', 1), closed('2', 'OTHER', 5), closed('3', 'OTHER', 9)]).closeTime.medianMs, 5 * HOUR);
  });

  it('keeps vault strings display-safe in every label', () => {
    const o = overview([event('e', { type: 'Evil\u202eexe' })], { sources: [{ id: 'vault:x', label: 'bad\u0000name', events: [event('e', { type: 'Evil\u202eexe' })] }] });
    assert.equal(o.types[0].label, 'Evil<U+202E>exe');
    assert.equal(o.types[0].type, 'Evil\u202eexe');
    assert.equal(o.sources[0].label, 'bad<U+0000>name');
  });

  it('accounts for every one of 50,000 generated events', function () {
    this.timeout(30_000); // generating the events is the slow part
    const events = generateEvents({ count: 50_000, seed: 12, now: NOW, windowDays: 45 }).map((raw) => normalizeEvent(raw)!);
    const o = computeOverview({ sources: [{ id: 'vault:a', label: 'A', events }], now: NOW, lookbackDays: 30, timeZone: 'Europe/Paris', entitiesOf: () => [] });
    const open = events.filter((e) => e.status === 'OPEN');
    assert.equal(o.total, 50_000);
    assert.equal(o.open, open.length);
    assert.equal(o.openByBand.high, open.filter((e) => e.score > 75).length);
    const placed = o.timeline.buckets.reduce((sum, b) => sum + bucketTotal(b), 0);
    assert.equal(placed + o.timeline.earlier + o.timeline.later, 50_000);
    assert.ok(o.timeline.earlier > 0, 'the generator spreads updates over 45 days');
    assert.equal(o.types.reduce((sum, t) => sum + t.open + t.closed, 0) + o.otherTypes.events, 50_000);
    assert.equal(o.closedByReason.reduce((sum, r) => sum + r.count, 0), o.closed);
    assert.ok(JSON.stringify(o).length < 50_000, 'aggregates only, whatever the number of events');
  });
});
