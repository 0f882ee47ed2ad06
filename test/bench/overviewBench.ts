import { computeOverview, OverviewData } from '../../src/derived/overviewAggregates';
import type { Entity } from '../../src/model/entities';
import type { PtaEvent } from '../../src/model/ptaEvent';
import { EventStore } from '../../src/store/eventStore';
import { entitiesFromAudits } from '../support/auditEntities';
import { timeSync } from './stats';

export interface OverviewSamples {
  /** Every aggregate, with each event's entities already known (as the store's entity index holds them). */
  heldEntitiesMs: number[];
  /** The same with the entities read from the audits during the pass: what it costs without an index. */
  auditEntitiesMs: number[];
}

const LOOKBACK_DAYS = 30;

/** Times computeOverview over the store's events, both ways, `rounds` times each. */
export function measureOverview(store: EventStore, rounds: number): OverviewSamples {
  let newest = 0;
  for (const event of store.all()) newest = Math.max(newest, event.lastUpdateTime);
  const held = new Map<PtaEvent, readonly Entity[]>();
  for (const event of store.all()) held.set(event, entitiesFromAudits(event));
  const compute = (entitiesOf: (event: PtaEvent) => readonly Entity[]): OverviewData =>
    computeOverview({
      sources: [{ id: 'vault:bench', label: 'Bench', events: store.all() }],
      now: newest,
      lookbackDays: LOOKBACK_DAYS,
      timeZone: 'Europe/Paris',
      entitiesOf,
    });
  const samples: OverviewSamples = { heldEntitiesMs: [], auditEntitiesMs: [] };
  for (let round = 0; round < rounds; round++) {
    const fromIndex = timeSync(() => compute((event) => held.get(event) ?? []));
    const fromAudits = timeSync(() => compute(entitiesFromAudits));
    if (fromIndex.value.total !== store.size || fromIndex.value.topEntities.host.length === 0) throw new Error('the Overview did not count every event');
    samples.heldEntitiesMs.push(fromIndex.ms);
    samples.auditEntitiesMs.push(fromAudits.ms);
  }
  return samples;
}
