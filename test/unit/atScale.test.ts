import assert from 'node:assert/strict';
import { EntityIndex } from '../../src/derived/entityIndex';
import { computeOverview, overviewOf } from '../../src/derived/overviewAggregates';
import { SourceTally } from '../../src/derived/overviewTally';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { EventFilter } from '../../src/store/eventFilter';
import { EventStore } from '../../src/store/eventStore';
import { EventView } from '../../src/store/eventView';
import { AnswerBatches } from '../../src/triage/answerBatches';
import { generateEvents, RawEvent } from '../simulator/data';
import { SeededRandom } from '../simulator/random';
import { StoreSource } from '../support/storeSource';
import { EventSources } from '../../src/sources/eventSources';

const NOW = Date.UTC(2025, 0, 15, 12);
const raw = generateEvents({ count: 1500, seed: 7, now: NOW, averageAudits: 4 });
const events = () => raw.map((e) => normalizeEvent(e)!);

/** `rounds` small changes as triage and refreshes make them: status flips, new scores, another event's audits, new events. */
function changeSome(store: EventStore, random: SeededRandom, rounds: number): void {
  for (let round = 0; round < rounds; round++) {
    const held = [...store.all()];
    const changed: PtaEvent[] = [];
    for (let i = 0; i < 1 + Math.floor(random.next() * 5); i++) {
      const event = held[Math.floor(random.next() * held.length)];
      const donor = raw[Math.floor(random.next() * raw.length)];
      const rawEvent = event.raw as RawEvent;
      changed.push(
        normalizeEvent({
          ...rawEvent,
          mStatus: event.status === 'OPEN' ? 'CLOSED' : 'OPEN',
          score: Math.floor(random.next() * 100),
          lastUpdateTime: event.lastUpdateTime + Math.floor(random.next() * 1000) - 500,
          audits: random.next() < 0.3 ? donor.audits : rawEvent.audits,
        })!,
      );
    }
    if (random.next() < 0.2) changed.push(normalizeEvent({ ...raw[round % raw.length], id: `new-${round}` })!);
    if (random.next() < 0.5) store.upsertAll(changed);
    else store.merge(changed);
  }
}

function fresh(store: EventStore): EventStore {
  const copy = new EventStore();
  copy.replaceAll([...store.all()]);
  return copy;
}

describe('Upkeep after small changes at scale', () => {
  it('keeps the sorted lists of the store equal to sorting them again', () => {
    const store = new EventStore();
    store.replaceAll(events());
    store.list('OPEN');
    changeSome(store, new SeededRandom(1), 60);
    const again = fresh(store);
    assert.deepEqual(store.list('OPEN').map((e) => e.id), again.list('OPEN').map((e) => e.id));
    assert.deepEqual(store.list('CLOSED').map((e) => e.id), again.list('CLOSED').map((e) => e.id));
  });

  it('keeps the entity ranking and each event\'s keys equal to an index built again', async function () {
    this.timeout(20_000);
    const store = new EventStore();
    store.replaceAll(events());
    const index = new EntityIndex(store);
    await index.whenBuilt();
    index.ranking();
    changeSome(store, new SeededRandom(2), 60);
    const again = new EntityIndex(fresh(store));
    assert.deepEqual(index.ranking(), again.ranking());
    for (const event of [...store.all()].slice(0, 300)) {
      assert.deepEqual(new Set(index.keys(event.id)), new Set(again.entities(event.id).map((e) => e.key)), event.id);
    }
    index.dispose();
    again.dispose();
  });

  it('builds the index in the background, taking in a change that arrives during the build', async function () {
    this.timeout(20_000);
    const store = new EventStore();
    const index = new EntityIndex(store);
    store.replaceAll(events());
    const [first] = store.list('OPEN');
    store.upsert(normalizeEvent({ ...(first.raw as RawEvent), mStatus: 'CLOSED' })!);
    await index.whenBuilt();
    const again = new EntityIndex(fresh(store));
    assert.deepEqual(index.ranking(), again.ranking());
    index.dispose();
    again.dispose();
  });

  it('keeps the Overview\'s tallies equal to counting every event again', () => {
    const store = new EventStore();
    store.replaceAll(events());
    const tally = SourceTally.of(store.all());
    store.onDidChange((change) => tally.apply(change));
    changeSome(store, new SeededRandom(3), 60);
    const window = { now: NOW, lookbackDays: 30, timeZone: 'Europe/Paris' };
    const kept = overviewOf([{ id: 'vault:a', label: 'A', tally, openEntities: [] }], window);
    const counted = computeOverview({ sources: [{ id: 'vault:a', label: 'A', events: store.all() }], ...window, entitiesOf: () => [] });
    assert.deepEqual(kept, counted);
  });

  it('narrows a growing text filter to the same lists as filtering every event, in either order', function () {
    this.timeout(20_000);
    const store = new EventStore();
    store.replaceAll(events());
    const sources = new EventSources();
    sources.add(new StoreSource(store));
    const typing = new EventView(sources, () => []);
    const index = new EntityIndex(store);
    const keysOf = (_: string, event: PtaEvent) => index.keys(event.id);
    const byEntity = new EventView(sources, keysOf, () => undefined, (_, key) => index.events(key));
    const [busiest] = index.ranking({ kind: 'host', limit: 1 });
    const reference = new EventView(sources, () => []);
    for (const order of ['updated', 'score'] as const) {
      typing.setSortOrder(order);
      reference.setSortOrder(order);
      for (const text of ['a', 'ad', 'adm', 'admi', 'x', 'xa']) {
        typing.setFilter({ text }, { transient: true });
        // From no filter: every event is tried.
        reference.setFilter({});
        reference.setFilter({ text });
        for (const status of ['OPEN', 'CLOSED'] as const) assert.deepEqual(typing.list('vault:test', status), reference.list('vault:test', status), `${order} ${text}`);
      }
      const filter: EventFilter = { entity: { ...busiest.entity, sourceId: 'vault:test' }, minScore: 20 };
      byEntity.setSortOrder(order);
      byEntity.setFilter(filter);
      const plain = new EventView(sources, keysOf);
      plain.setSortOrder(order);
      plain.setFilter(filter);
      for (const status of ['OPEN', 'CLOSED'] as const) {
        assert.ok(plain.list('vault:test', status).length > 0);
        assert.deepEqual(byEntity.list('vault:test', status), plain.list('vault:test', status));
      }
    }
    index.dispose();
  });

  it('hands the answers of a bulk action on together, and what is left at once on flush', async () => {
    const delivered: string[][] = [];
    const batches = new AnswerBatches((list) => delivered.push(list.map((e) => e.id)));
    const [a, b, c] = events();
    batches.add(a);
    batches.add(b);
    assert.deepEqual(delivered, []);
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.deepEqual(delivered, [[a.id, b.id]]);
    batches.add(c);
    batches.flush();
    batches.flush();
    assert.deepEqual(delivered, [[a.id, b.id], [c.id]]);
  });
});
