import assert from 'node:assert/strict';
import { EntityIndex, EntityWithStats } from '../../src/derived/entityIndex';
import { entitiesOf } from '../../src/model/entities';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { EventStore } from '../../src/store/eventStore';
import { generateEvents, RawEvent } from '../simulator/data';
import { SeededRandom } from '../simulator/random';

const NOW = Date.UTC(2025, 0, 15, 12);
const DAY_MS = 86_400_000;

interface Parties {
  user?: string;
  account?: string;
  accountId?: string;
  source?: unknown;
  target?: unknown;
}

function ev(id: string, parties: Parties, extra: Record<string, unknown> = {}): PtaEvent {
  const audit = {
    vaultUser: parties.user,
    accountId: parties.accountId,
    account: parties.account ? { accountAsStr: parties.account } : undefined,
    source: parties.source === undefined ? undefined : typeof parties.source === 'string' ? { mOriginalAddress: parties.source } : parties.source,
    target: parties.target === undefined ? undefined : typeof parties.target === 'string' ? { mOriginalAddress: parties.target } : parties.target,
  };
  return normalizeEvent({ id, type: 'GoldenTicket', score: 50, createTime: NOW - DAY_MS, lastUpdateTime: NOW - DAY_MS, mStatus: 'OPEN', audits: [audit], ...extra })!;
}

const resolvedDc01 = { mOriginalAddress: '10.0.0.5', mResolvedAddress: { mAddress: '10.0.0.5', mHostName: 'DC01', mFqdn: 'dc01.corp.example' } };
const ids = (events: readonly PtaEvent[]) => events.map((e) => e.id);

function indexOf(events: PtaEvent[]): { store: EventStore; index: EntityIndex } {
  const store = new EventStore();
  store.replaceAll(events);
  return { store, index: new EntityIndex(store) };
}

describe('EntityIndex', () => {
  it('answers the events of an entity and its stats, leaving the subject out', () => {
    const { index } = indexOf([
      ev('a', { user: 'jsmith', account: 'root@web-01', accountId: '7_1' }, { score: 40 }),
      ev('b', { user: 'JSMITH' }, { score: 90, lastUpdateTime: NOW }),
      ev('c', { user: 'jsmith' }, { mStatus: 'CLOSED', score: 99 }),
      ev('d', { user: 'akumar' }),
    ]);
    assert.deepEqual(ids(index.events('user:jsmith')), ['b', 'a', 'c']);
    assert.deepEqual(index.stats('user:jsmith'), { open: 2, closed: 1, highestOpenScore: 90 });
    assert.deepEqual(index.stats('user:jsmith', 'b'), { open: 1, closed: 1, highestOpenScore: 40 });
    assert.deepEqual(index.stats('user:nobody'), { open: 0, closed: 0, highestOpenScore: undefined });
    assert.deepEqual(
      index.entitiesWithStats('a').map((s) => [s.entity.key, s.entity.accountId, s.open, s.closed, s.highestOpenScore]),
      [
        ['user:jsmith', undefined, 1, 1, 90],
        ['account:root@web-01', '7_1', 0, 0, undefined],
      ],
    );
    assert.deepEqual(index.entities('unknown'), []);
  });

  it('joins a bare IP to the host another event resolved it to, and splits it again when the IP turns ambiguous', () => {
    const { store, index } = indexOf([ev('resolved', { source: resolvedDc01 }), ev('bare', { target: '10.0.0.5' }), ev('named', { source: 'DC01' })]);
    assert.deepEqual(index.entities('bare'), [{ kind: 'host', key: 'host:dc01', label: 'dc01.corp.example', ip: '10.0.0.5', side: 'target' }]);
    assert.deepEqual(ids(index.events('host:dc01')).sort(), ['bare', 'named', 'resolved']);
    assert.deepEqual(ids(index.events('host:10.0.0.5')).sort(), ['bare', 'named', 'resolved']);
    assert.equal(index.entity('host:10.0.0.5')?.key, 'host:dc01');

    const reused = { mOriginalAddress: '10.0.0.5', mResolvedAddress: { mAddress: '10.0.0.5', mHostName: 'laptop-9' } };
    store.merge([ev('dhcp', { source: reused }, { lastUpdateTime: NOW })]);
    assert.deepEqual(index.entities('bare').map((e) => e.key), ['host:10.0.0.5']);
    assert.deepEqual(ids(index.events('host:dc01')).sort(), ['named', 'resolved']);

    store.merge([ev('dhcp', { source: 'laptop-9' }, { lastUpdateTime: NOW + 1 })]);
    assert.deepEqual(index.entities('bare').map((e) => e.key), ['host:dc01'], 'the ambiguity left with the event that caused it');
  });

  it('ranks within given events counting an event once per entity, though it names a host by name and by its IP', () => {
    const { store, index } = indexOf([ev('resolved', { source: resolvedDc01 }), ev('both', { source: 'DC01', target: '10.0.0.5' })]);
    const stats = (ranked: EntityWithStats[]) => ranked.map((r) => [r.entity.key, r.open, r.closed, r.highestOpenScore]);
    const within = index.ranking({ within: store.all() });
    assert.deepEqual(stats(within), stats(index.ranking()));
    assert.equal(within.find((r) => r.entity.key === 'host:dc01')?.open, 2);
  });

  it('ranks related events by shared entities, then same type, then recency, saying what each shares', () => {
    const subject = { user: 'jsmith', account: 'root@web-01', source: 'ws-17' };
    const { index } = indexOf([
      ev('subject', subject),
      ev('one-shared-old', { user: 'jsmith' }, { createTime: NOW - 9 * DAY_MS }),
      ev('one-shared-new', { user: 'jsmith' }, { createTime: NOW - 2 * DAY_MS }),
      ev('one-shared-other-type', { user: 'jsmith' }, { type: 'PassTheHash', createTime: NOW }),
      ev('two-shared-other-type', { account: 'ROOT@web-01', source: 'ws-17.corp.example' }, { type: 'PassTheHash' }),
      ev('unrelated', { user: 'akumar', source: 'ws-18' }),
    ]);
    const related = index.related('subject');
    assert.equal(related.total, 4);
    assert.deepEqual(ids(related.events.map((r) => r.event)), ['two-shared-other-type', 'one-shared-new', 'one-shared-old', 'one-shared-other-type']);
    assert.deepEqual(related.events[0].shared.map((e) => e.key), ['account:root@web-01', 'host:ws-17']);
    assert.deepEqual(related.events[1].shared.map((e) => e.key), ['user:jsmith']);
    assert.deepEqual(ids(index.related('subject', 2).events.map((r) => r.event)), ['two-shared-other-type', 'one-shared-new']);
    assert.equal(index.related('subject', 2).total, 4);
  });

  it('finds look-alikes: closed events of the same type sharing an entity, newest first, for an open event only', () => {
    const closed = { mStatus: 'CLOSED', closeReason: 'NOTREAL', reasonText: 'Red team exercise' };
    const { index } = indexOf([
      ev('open', { user: 'jsmith', source: resolvedDc01 }),
      ev('closed-by-user', { user: 'jsmith' }, { ...closed, lastUpdateTime: NOW - 3 * DAY_MS }),
      ev('closed-by-bare-ip', { target: '10.0.0.5' }, { ...closed, lastUpdateTime: NOW - DAY_MS }),
      ev('closed-other-type', { user: 'jsmith' }, { ...closed, type: 'PassTheHash' }),
      ev('open-same', { user: 'jsmith' }),
      ev('closed-unrelated', { user: 'akumar' }, closed),
    ]);
    assert.deepEqual(ids(index.lookAlikes('open')), ['closed-by-bare-ip', 'closed-by-user']);
    assert.equal(index.lookAlikeCount('open'), 2);
    assert.equal(index.lookAlikeCount('open-same'), 1);
    assert.deepEqual(index.lookAlikes('closed-by-user'), []);
    assert.deepEqual(index.lookAlikes('unknown'), []);
  });

  it('ranks entities by highest open score, then open count, with a kind filter and within given events', () => {
    const { store, index } = indexOf([
      ev('a', { user: 'jsmith', source: 'ws-1' }, { score: 80 }),
      ev('b', { user: 'akumar', source: 'ws-1' }, { score: 80 }),
      ev('c', { user: 'akumar' }, { score: 20 }),
      ev('d', { user: 'lchen' }, { score: 99, mStatus: 'CLOSED' }),
    ]);
    const ranking = index.ranking();
    assert.deepEqual(ranking.map((r) => [r.entity.key, r.open, r.closed, r.highestOpenScore]), [
      ['host:ws-1', 2, 0, 80],
      ['user:akumar', 2, 0, 80],
      ['user:jsmith', 1, 0, 80],
      ['user:lchen', 0, 1, undefined],
    ]);
    assert.deepEqual(index.ranking({ kind: 'host' }).map((r) => r.entity.key), ['host:ws-1']);
    assert.deepEqual(index.ranking({ limit: 1 }).map((r) => r.entity.key), ['host:ws-1']);
    const highOnly = [store.get('a')!, store.get('c')!];
    assert.deepEqual(index.ranking({ within: highOnly }).map((r) => [r.entity.key, r.open]), [
      ['host:ws-1', 1],
      ['user:jsmith', 1],
      ['user:akumar', 1],
    ]);
  });

  it('follows close and reopen without rebuilding, and tells its listeners after it has', () => {
    const { store, index } = indexOf([ev('a', { user: 'jsmith' }), ev('b', { user: 'jsmith' }, { mStatus: 'CLOSED' })]);
    const seen: number[] = [];
    index.onDidChange(() => seen.push(index.stats('user:jsmith').closed));
    store.upsert(ev('a', { user: 'jsmith' }, { mStatus: 'CLOSED', closeReason: 'HANDLED' }));
    store.upsert(ev('b', { user: 'jsmith' }, { mStatus: 'OPEN' }));
    assert.deepEqual(seen, [2, 1]);
    assert.equal(index.lookAlikeCount('b'), 1);
    store.upsert(ev('a', { user: 'jsmith' }, { mStatus: 'OPEN' }));
    assert.equal(index.lookAlikeCount('b'), 0, 'the remembered count is dropped on a change');
    store.upsert(ev('a', { user: 'jsmith' }, { mStatus: 'CLOSED', closeReason: 'HANDLED' }));
    assert.deepEqual(ids(index.lookAlikes('b')), ['a']);
    store.replaceAll([ev('z', { user: 'mgarcia' })]);
    assert.deepEqual(index.events('user:jsmith'), []);
    assert.deepEqual(ids(index.events('user:mgarcia')), ['z']);
    index.dispose();
    store.merge([ev('y', { user: 'mgarcia' }, { lastUpdateTime: NOW })]);
    assert.deepEqual(ids(index.events('user:mgarcia')), ['z'], 'a disposed index no longer listens');
  });

  it('after random merges, closes, reopens, entity changes and resets, answers as one built from scratch', function () {
    this.timeout(20_000);
    const random = new SeededRandom(11);
    const pool = generateEvents({ count: 500, seed: 12, now: NOW }).map(withUniqueIpNames(random));
    let next = 0;
    const fresh = (count: number) => pool.slice(next, (next += count)).map((raw) => normalizeEvent(raw)!);
    const store = new EventStore();
    store.replaceAll(fresh(150));
    const index = new EntityIndex(store);
    let clock = NOW;
    const heldRaw = () => [...store.all()].map((e) => e.raw as RawEvent);
    for (let step = 0; step < 100; step++) {
      const held = heldRaw();
      const someHeld = () => held[random.int(0, held.length - 1)];
      const op = random.int(0, 9);
      clock += 1000;
      if (op <= 3) {
        const flipped = Array.from({ length: random.int(1, 5) }, () => {
          const raw = someHeld();
          return normalizeEvent({ ...raw, lastUpdateTime: clock, mStatus: raw.mStatus === 'OPEN' ? 'CLOSED' : 'OPEN', closeReason: 'OTHER' })!;
        });
        store.merge([...flipped, ...fresh(random.int(0, 6))]);
      } else if (op <= 6) {
        const raw = someHeld();
        store.upsert(normalizeEvent({ ...raw, mStatus: raw.mStatus === 'OPEN' ? 'CLOSED' : 'OPEN', closeReason: 'NOTREAL' })!);
      } else if (op <= 8) {
        // the same event, now about other parties: its entities change
        const [raw, donor] = [someHeld(), someHeld()];
        store.merge([normalizeEvent({ ...raw, audits: donor.audits, lastUpdateTime: clock })!]);
      } else if (next < pool.length - 150) {
        store.replaceAll([...store.all()].filter(() => random.chance(0.7)).concat(fresh(20)));
      }
      if (step % 20 === 19) assert.deepEqual(answers(index, store), answers(new EntityIndex(store), store), `step ${step}`);
    }
    assert.deepEqual(answers(index, store), answers(new EntityIndex(store), store));
  });
});

/** A clock that advances CLOCK_STEP_MS each time the index reads it, as if its work between two reads took that long; `pass` stands for other work. */
class FakeClock {
  now = 0;
  readonly read = () => (this.now += CLOCK_STEP_MS);
  pass(ms: number): void {
    this.now += ms;
  }
}
const CLOCK_STEP_MS = 0.5;
/** The index's hold (HOLD_MS), and one step of its clock past it: a slice stops at the first look at the clock after its time is up. */
const ONE_SLICE_MS = 25 + CLOCK_STEP_MS;

describe('EntityIndex built in slices after a large load', () => {
  const large = () => generateEvents({ count: 3000, seed: 5, now: NOW }).map((raw) => normalizeEvent(raw)!);

  it('answers a question about one event during the build after one slice at most, from the events indexed by then, and as a full build once built', async () => {
    const store = new EventStore();
    store.replaceAll(large());
    const clock = new FakeClock();
    const index = new EntityIndex(store, clock.read);
    const changes: number[] = [];
    index.onDidChange(() => changes.push(clock.now));
    const [first] = store.all();
    const last = [...store.all()].at(-1)!;
    const full = new EntityIndex(store);
    full.ranking();

    const asked = clock.now;
    const partial = index.entitiesWithStats(first.id);
    assert.ok(clock.now - asked <= ONE_SLICE_MS, `waited ${clock.now - asked} ms`);
    const counted = (stats: readonly EntityWithStats[]) => stats.reduce((sum, s) => sum + s.open + s.closed, 0);
    assert.ok(counted(partial) < counted(full.entitiesWithStats(first.id)), 'only the events indexed by then are counted');
    const notYet = clock.now;
    assert.deepEqual(index.entities(last.id), entitiesOf(last), 'an event not indexed yet has its own entities');
    assert.deepEqual(new Set(index.keys(last.id)), new Set(entitiesOf(last).map((e) => e.key)));
    assert.ok(clock.now - notYet <= 2 * ONE_SLICE_MS, 'each of the two questions waited one slice at most');

    await index.whenBuilt();
    assert.equal(changes.length, 1, 'the end of the build is a change, on which the views ask again');
    for (const event of [first, last]) {
      assert.deepEqual(index.entitiesWithStats(event.id), full.entitiesWithStats(event.id));
      assert.deepEqual(index.related(event.id, 10), full.related(event.id, 10));
      assert.deepEqual(index.lookAlikes(event.id), full.lookAlikes(event.id));
    }
    assert.deepEqual(index.ranking(), full.ranking());
    index.dispose();
    full.dispose();
  });

  it('tells its listeners at the end of the build even when a question finished it, so that the answers given during it are asked again', async () => {
    const store = new EventStore();
    store.replaceAll(large());
    const index = new EntityIndex(store, new FakeClock().read);
    let changes = 0;
    index.onDidChange(() => changes++);
    const [first] = store.all();
    index.entities(first.id);
    index.buildNow();
    assert.equal(changes, 0);
    await index.whenBuilt();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(changes, 1);
    index.dispose();
  });

  it('finishes the build before a question about every event or an entity', () => {
    const store = new EventStore();
    store.replaceAll(large());
    const clock = new FakeClock();
    const index = new EntityIndex(store, clock.read);
    const full = new EntityIndex(store);
    const busiest = full.ranking({ kind: 'host', limit: 1 })[0];
    assert.deepEqual(index.stats(busiest.entity.key), full.stats(busiest.entity.key));
    assert.deepEqual(ids(index.events(busiest.entity.key)), ids(full.events(busiest.entity.key)));
    index.dispose();
    full.dispose();
  });

  it('shortens its slices by the work that ran since its last one, so that the two together hold the host no longer than one slice', async () => {
    const store = new EventStore();
    store.replaceAll(large());
    const clock = new FakeClock();
    const index = new EntityIndex(store, clock.read);
    // Another background job: 20 ms of work in each turn of the event loop, as long as the build lasts.
    const OTHER_MS = 20;
    const holds: number[] = [];
    let lastTurn = clock.now;
    let building = true;
    const other = () => {
      holds.push(clock.now - lastTurn);
      clock.pass(OTHER_MS);
      lastTurn = clock.now - OTHER_MS;
      if (building) setImmediate(other);
    };
    setImmediate(other);
    await index.whenBuilt();
    building = false;
    // Each hold: the index's slice since the other job's last turn began, then the other job's turn.
    const longest = Math.max(...holds.slice(1));
    assert.ok(holds.length > 3, `${holds.length} turns`);
    assert.ok(longest <= ONE_SLICE_MS + CLOCK_STEP_MS, `held ${longest} ms`);
    index.dispose();
  });

  it('indexes a small load at once: it takes less than a slice', () => {
    const store = new EventStore();
    store.replaceAll(large().slice(0, 500));
    const clock = new FakeClock();
    const index = new EntityIndex(store, clock.read);
    const full = new EntityIndex(store);
    full.ranking();
    const [first] = store.all();
    assert.deepEqual(index.entitiesWithStats(first.id), full.entitiesWithStats(first.id));
    index.dispose();
    full.dispose();
  });
});

/** Some events resolve an IP to a second name, so that the random run also makes and unmakes ambiguous IPs. */
function withUniqueIpNames(random: SeededRandom) {
  return (raw: RawEvent): RawEvent => {
    type Address = { mResolvedAddress?: { mHostName?: unknown; mFqdn?: unknown } | null };
    const audit = Array.isArray(raw.audits) ? (raw.audits[0] as { source?: Address } | undefined) : undefined;
    const resolved = audit?.source?.mResolvedAddress;
    if (resolved?.mHostName && random.chance(0.05)) {
      audit!.source = { ...audit!.source, mResolvedAddress: { ...resolved, mHostName: `reused-${random.int(1, 9)}`, mFqdn: null } };
    }
    return raw;
  };
}

/** Everything the index answers about a store, in a comparable form. */
function answers(index: EntityIndex, store: EventStore): unknown {
  const events = [...store.all()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const ranking = index.ranking();
  return {
    events: events.map((e) => ({
      id: e.id,
      entities: index.entities(e.id).map((x) => x.key),
      related: ((r) => [r.total, r.events.map((x) => [x.event.id, x.shared.map((y) => y.key)])])(index.related(e.id, 5)),
      lookAlikes: ids(index.lookAlikes(e.id)),
    })),
    ranking: ranking.map((r) => [r.entity.key, r.open, r.closed, r.highestOpenScore]),
    entityEvents: ranking.map((r) => [r.entity.key, ids(index.events(r.entity.key))]),
    openFirst: index.ranking({ within: store.list('OPEN'), kind: 'account' }).map((r) => [r.entity.key, r.open]),
  };
}
