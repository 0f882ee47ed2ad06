import { computeOverview, OverviewData } from '../../src/derived/overviewAggregates';
import type { Entity, EntityKind } from '../../src/model/entities';
import { hostIdentity } from '../../src/model/hosts';
import { eventAudits, PtaEvent } from '../../src/model/ptaEvent';
import { EventStore } from '../../src/store/eventStore';
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
  const held = new Map<PtaEvent, readonly Entity[]>();
  for (const event of store.all()) held.set(event, entitiesFromAudits(event));
  const compute = (entitiesOf: (event: PtaEvent) => readonly Entity[]): OverviewData =>
    computeOverview({
      sources: [{ id: 'vault:bench', label: 'Bench', events: store.all() }],
      now: store.watermark,
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

/** A stand-in for the entity index's answer: vault users, accounts and hosts of the event's audits, each once. */
function entitiesFromAudits(event: PtaEvent): Entity[] {
  const entities = new Map<string, Entity>();
  const add = (kind: EntityKind, value: string, label: string) => {
    const key = `${kind}:${value.toLowerCase()}`;
    if (!entities.has(key)) entities.set(key, { kind, key, label });
  };
  for (const audit of eventAudits(event)) {
    if (audit.vaultUser) add('user', audit.vaultUser, audit.vaultUser);
    if (audit.account) add('account', audit.account, audit.account);
    for (const address of [audit.source, audit.target]) {
      const host = address && hostIdentity(address);
      if (host) add('host', host.key, host.label);
    }
  }
  return [...entities.values()];
}
