import { entitiesOf, Entity, EntityKind, EntityReader, HostSide } from '../model/entities';
import { isIpAddress } from '../model/hosts';
import { PtaEvent } from '../model/ptaEvent';
import { EventStore, newestUpdateFirst, StoreChange } from '../store/eventStore';
import { Disposable, Emitter } from '../util/emitter';
import { SlotColumns } from './slotColumns';

/** How many other loaded events involve an entity. */
export interface EntityStats {
  readonly open: number;
  readonly closed: number;
  /** Undefined when none of them is open. */
  readonly highestOpenScore?: number;
}

export interface EntityWithStats extends EntityStats {
  readonly entity: Entity;
}

export interface RelatedEvent {
  readonly event: PtaEvent;
  /** The subject's entities this event involves too, in the subject's order. */
  readonly shared: readonly Entity[];
}

export interface RelatedEvents {
  /** Every loaded event sharing at least one entity with the subject. */
  readonly total: number;
  /** The strongest `limit` of them, strongest first. */
  readonly events: readonly RelatedEvent[];
}

export interface RankingOptions {
  readonly kind?: EntityKind;
  /** Rank over these events only (for example the Events view's filtered lists); default every loaded event. */
  readonly within?: Iterable<PtaEvent>;
  readonly limit?: number;
}

/**
 * One host, account or vault user as the index holds it. Bare-IP hosts also count which named
 * hosts loaded events resolved that IP to: see canonical().
 */
interface EntityRecord {
  readonly kind: EntityKind;
  readonly key: string;
  label: string;
  accountId?: string;
  ip?: string;
  /** Slots of the events whose own entities include this key. */
  readonly slots: number[];
  /** Bare-IP records: the named hosts this IP resolved to, with how many loaded events said so. */
  readonly names?: Map<EntityRecord, number>;
  /** Named-host records: the bare-IP records that resolved to it at least once. */
  readonly ips?: Set<EntityRecord>;
}

interface IndexedEvent {
  event: PtaEvent;
  records: readonly EntityRecord[];
  /** Flat pairs: bare-IP record, then the named record it resolved to. */
  aliases: readonly EntityRecord[];
}

const NO_EVENT = -1;
const NO_RECORDS: readonly EntityRecord[] = [];
/**
 * The longest the background build should hold the host at once. A slice is followed by whatever
 * else waits its turn (another background job's slice, for one) before the host reads its messages
 * again, so each slice takes what is left of this once the work that ran since the last one is counted.
 */
const HOLD_MS = 25;
/** The least a slice works, however busy the host, so that the build always gets on. */
const MIN_SLICE_MS = 4;
/** How many events a slice indexes between two looks at the clock. */
const CLOCK_EVERY = 16;
/** A load this small is indexed at once: it takes less than a slice. */
const AT_ONCE_AT_MOST = 1_000;

/**
 * Entities of the events of one event source, and the events of each entity, kept up to date
 * from the source's store: incremental on merge and upsert (refresh, close, reopen), built again
 * only after the store is reset, on the first question that follows. Answers come from the index;
 * none rebuilds it. One index per source: keys never meet across vaults.
 *
 * Aliases: a resolved address names a host and its IP together. When every loaded event that
 * resolved an IP resolved it to the same host, a bare IP elsewhere is that host; an IP resolved
 * to two different hosts (reuse, NAT) stays a host of its own. The rule is computed from the
 * events loaded now, so it is the same whatever order they arrived in.
 */
export class EntityIndex implements Disposable {
  private readonly records = new Map<string, EntityRecord>();
  /** Reads the loaded events' entities, building each spelling's key once: started again with each load. */
  private reader = new EntityReader();
  private readonly slotOf = new Map<string, number>();
  private readonly indexed: IndexedEvent[] = [];
  private readonly columns = new SlotColumns();
  private rankingCache: readonly EntityWithStats[] | undefined;
  /** Each canonical record's totals over every loaded event, until a change touches it: a change costs its own entities, not a full ranking. */
  private readonly totals = new Map<EntityRecord, EntityStats>();
  /** lookAlikeCount's answers until the next change: the tree asks for every row it draws. */
  private readonly lookAlikeCounts = new Map<string, number>();
  private readonly subscription: Disposable;
  private readonly changeEmitter = new Emitter<void>();
  /** Fires after the index has taken a store change in. */
  readonly onDidChange = this.changeEmitter.event;

  /**
   * After a reset the index is built in the background, a slice at a time, so a load never holds
   * the host for the whole build. A question about one event asked before the end waits for one
   * slice at most and is answered from the events indexed by then (see sliceFor); any other
   * question finishes the build first.
   */
  private built = false;
  /** The events of the reset still to index, and the generation of the build taking them. */
  private pending: PtaEvent[] = [];
  private pendingAt = 0;
  private generation = 0;
  private readonly builtWaiters: Array<() => void> = [];

  constructor(
    private readonly store: EventStore,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.subscription = store.onDidChange((change) => this.apply(change));
    this.startBuild();
  }

  dispose(): void {
    this.generation++;
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  /** Finishes the build at once: for a caller about to ask about every event one at a time, which questions about one event would answer partly during the build. */
  buildNow(): void {
    this.ensureBuilt();
  }

  /** Resolves once every loaded event is indexed. */
  whenBuilt(): Promise<void> {
    return this.built ? Promise.resolve() : new Promise((resolve) => this.builtWaiters.push(resolve));
  }

  /**
   * The event's entities, bare IPs joined to their hosts; empty for an unknown id. During the build
   * (see sliceFor), as far as the events indexed by then say, and an event not indexed yet has its
   * own entities.
   */
  entities(eventId: string): Entity[] {
    this.sliceFor();
    return this.entitiesNow(eventId);
  }

  private entitiesNow(eventId: string): Entity[] {
    const event = this.eventById(eventId);
    if (!event) {
      const pending = this.built ? undefined : this.store.get(eventId);
      return pending ? entitiesOf(pending) : [];
    }
    const byKey = new Map<string, Entity>();
    for (const own of this.reader.entitiesOf(event)) {
      const record = this.records.get(own.key);
      const canonical = record && this.canonical(record);
      let entity: Entity = own;
      if (canonical && canonical !== record) entity = { ...this.entityOf(canonical), ip: own.label, side: own.side };
      else if (!own.accountId && record?.accountId) entity = { ...own, accountId: record.accountId };
      const held = byKey.get(entity.key);
      byKey.set(entity.key, held ? { ...held, side: joinSides(held.side, entity.side) } : entity);
    }
    return [...byKey.values()];
  }

  /** The keys of the event's entities, bare IPs joined to their hosts, as entities() gives them (in another order); empty for an unknown id. */
  keys(eventId: string): string[] {
    this.sliceFor();
    const slot = this.slotOf.get(eventId);
    if (slot === undefined) return this.built ? [] : this.entitiesNow(eventId).map((entity) => entity.key);
    const keys: string[] = [];
    for (const record of this.indexed[slot].records) {
      const { key } = this.canonical(record);
      if (!keys.includes(key)) keys.push(key);
    }
    return keys;
  }

  /** The entity a key names (a bare IP's host when it is aliased), as the index knows it. */
  entity(key: string): Entity | undefined {
    this.ensureBuilt();
    const record = this.records.get(key);
    return record && this.entityOf(this.canonical(record));
  }

  /** The entities of an event, each with how many other loaded events involve it (during the build: other indexed events). */
  entitiesWithStats(eventId: string): EntityWithStats[] {
    this.sliceFor();
    return this.entitiesNow(eventId).map((entity) => ({ entity, ...this.statsNow(entity.key, eventId) }));
  }

  /** Open and closed counts and the highest open score of an entity's events, leaving `excludingEventId` out. */
  stats(key: string, excludingEventId?: string): EntityStats {
    this.ensureBuilt();
    return this.statsNow(key, excludingEventId);
  }

  private statsNow(key: string, excludingEventId?: string): EntityStats {
    const record = this.records.get(key);
    const excluded = excludingEventId === undefined ? NO_EVENT : (this.slotOf.get(excludingEventId) ?? NO_EVENT);
    let open = 0;
    let closed = 0;
    let highestOpenScore: number | undefined;
    if (record) {
      const columns = this.columns;
      this.visitEvents(this.canonical(record), (slot) => {
        if (slot === excluded) return;
        if (!columns.open[slot]) {
          closed++;
        } else {
          open++;
          if (highestOpenScore === undefined || columns.score[slot] > highestOpenScore) highestOpenScore = columns.score[slot];
        }
      });
    }
    return { open, closed, highestOpenScore };
  }

  /** Every loaded event involving the entity, newest update first. */
  events(key: string): PtaEvent[] {
    this.ensureBuilt();
    const record = this.records.get(key);
    if (!record) return [];
    const events: PtaEvent[] = [];
    this.visitEvents(this.canonical(record), (slot) => events.push(this.indexed[slot].event));
    return events.sort(newestUpdateFirst);
  }

  /**
   * Other loaded events sharing at least one entity with the event, strongest first: more shared
   * entities, then the same type, then the more recent (created, else updated), then by id.
   */
  related(eventId: string, limit = 50): RelatedEvents {
    this.sliceFor();
    const subjectSlot = this.slotOf.get(eventId);
    if (subjectSlot === undefined) return { total: 0, events: [] };
    const entities = this.entitiesNow(eventId);
    const { tally: shared, type, time } = this.columns;
    const subjectType = type[subjectSlot];
    const candidates: number[] = [];
    for (const entity of entities) {
      this.visitEvents(this.canonical(this.records.get(entity.key)!), (slot) => {
        if (slot !== subjectSlot && shared[slot]++ === 0) candidates.push(slot);
      });
    }
    const eventAt = (slot: number) => this.indexed[slot].event;
    const stronger = (a: number, b: number) =>
      shared[b] - shared[a] ||
      Number(type[b] === subjectType) - Number(type[a] === subjectType) ||
      time[b] - time[a] ||
      compareIds(eventAt(a).id, eventAt(b).id);
    const strongest = firstInOrder(candidates, limit, stronger);
    for (const slot of candidates) shared[slot] = 0;
    const events = strongest.map((slot) => ({ event: eventAt(slot), shared: entities.filter((entity) => this.involves(slot, entity.key)) }));
    return { total: candidates.length, events };
  }

  /** For an open event: the closed events of the same type that share an entity with it, newest update first. */
  lookAlikes(eventId: string): PtaEvent[] {
    this.sliceFor();
    const subjectSlot = this.slotOf.get(eventId);
    if (subjectSlot === undefined) return [];
    const { open, type } = this.columns;
    if (!open[subjectSlot]) return [];
    const found: PtaEvent[] = [];
    this.visitEvents([...this.canonicalRecordsOf(subjectSlot)], (slot) => {
      if (!open[slot] && type[slot] === type[subjectSlot]) found.push(this.indexed[slot].event);
    });
    return found.sort(newestUpdateFirst);
  }

  /**
   * How many look-alikes an event has (0 for a closed one), remembered until the next change. The
   * tree asks for every row it draws: while the index is still being built it answers 0 rather
   * than hold the host for the rest of the build, and the end of the build is a change.
   */
  lookAlikeCount(eventId: string): number {
    if (!this.built) return 0;
    let count = this.lookAlikeCounts.get(eventId);
    if (count === undefined) this.lookAlikeCounts.set(eventId, (count = this.lookAlikes(eventId).length));
    return count;
  }

  /**
   * Entities ranked by open risk: highest open score, then open count, then closed count, then
   * key; entities with no open event last. Without `within`, answered from a cache kept until the
   * next change.
   */
  ranking(options: RankingOptions = {}): EntityWithStats[] {
    this.ensureBuilt();
    const ranked = options.within ? this.rank(options.within) : (this.rankingCache ??= this.rankAll());
    const ofKind = options.kind ? ranked.filter((r) => r.entity.kind === options.kind) : ranked;
    return ofKind.slice(0, options.limit ?? ofKind.length);
  }

  /** Every entity with its totals over every loaded event: recounted only for the entities a change touched. */
  private rankAll(): EntityWithStats[] {
    const ranked: EntityWithStats[] = [];
    for (const record of this.records.values()) {
      if (this.canonical(record) !== record) continue;
      let total = this.totals.get(record);
      if (!total) this.totals.set(record, (total = this.count(record)));
      if (total.open + total.closed > 0) ranked.push({ entity: this.entityOf(record), ...total });
    }
    return ranked.sort(byOpenRisk);
  }

  private count(record: EntityRecord): EntityStats {
    const { open, score } = this.columns;
    let opened = 0;
    let closed = 0;
    let highestOpenScore: number | undefined;
    this.visitEvents(record, (slot) => {
      if (!open[slot]) {
        closed++;
      } else {
        opened++;
        if (highestOpenScore === undefined || score[slot] > highestOpenScore) highestOpenScore = score[slot];
      }
    });
    return { open: opened, closed, highestOpenScore };
  }

  private rank(within: Iterable<PtaEvent>): EntityWithStats[] {
    const totals = new Map<EntityRecord, { open: number; closed: number; highestOpenScore?: number; countedSlot: number }>();
    const { open, score } = this.columns;
    for (const event of within) {
      const slot = this.slotOf.get(event.id);
      if (slot === undefined) continue;
      for (const alias of this.indexed[slot].records) {
        const record = this.canonical(alias);
        let total = totals.get(record);
        if (!total) totals.set(record, (total = { open: 0, closed: 0, countedSlot: -1 }));
        // An event naming one entity twice (a bare IP and its host) counts once; no set per event.
        if (total.countedSlot === slot) continue;
        total.countedSlot = slot;
        if (!open[slot]) {
          total.closed++;
        } else {
          total.open++;
          if (total.highestOpenScore === undefined || score[slot] > total.highestOpenScore) total.highestOpenScore = score[slot];
        }
      }
    }
    return [...totals]
      .map(([record, { open, closed, highestOpenScore }]) => ({ entity: this.entityOf(record), open, closed, highestOpenScore }))
      .sort(byOpenRisk);
  }

  private apply(change: StoreChange): void {
    if (change.kind === 'reset') {
      this.records.clear();
      this.reader = new EntityReader();
      this.slotOf.clear();
      this.indexed.length = 0;
      this.columns.clear();
      this.totals.clear();
      this.built = false;
      this.startBuild();
    } else {
      // During a build too: the build then skips what is indexed already.
      for (const event of change.added) this.put(event);
      for (const event of change.updated) this.put(event);
    }
    this.rankingCache = undefined;
    this.lookAlikeCounts.clear();
    this.changeEmitter.fire();
  }

  private startBuild(): void {
    const generation = ++this.generation;
    this.pending = [...this.store.all()];
    this.pendingAt = 0;
    if (this.pending.length <= AT_ONCE_AT_MOST) {
      this.ensureBuilt();
      return;
    }
    let lastEnded = this.clock();
    const slice = () => {
      if (generation !== this.generation) return;
      if (!this.built) {
        const sinceLast = this.clock() - lastEnded;
        this.buildFor(Math.max(MIN_SLICE_MS, HOLD_MS - sinceLast));
        lastEnded = this.clock();
      }
      // Whoever finished it (a question about every event may have): answers given during the build were partial.
      if (this.built) this.changeEmitter.fire();
      else setImmediate(slice);
    };
    setImmediate(slice);
  }

  /** Indexes pending events for `ms` (the clock read every CLOCK_EVERY events), finishing the build when none is left. */
  private buildFor(ms: number): void {
    const ends = this.clock() + ms;
    const pending = this.pending;
    while (this.pendingAt < pending.length) {
      this.putPending(pending[this.pendingAt++]);
      if (this.pendingAt % CLOCK_EVERY === 0 && this.pendingAt < pending.length && this.clock() >= ends) return;
    }
    this.finishBuild();
  }

  /**
   * Before a question about one event during the build: one more slice of it, no more, so that
   * the question never waits for the rest of the build. The answer is then as far as the events
   * indexed by then say; the end of the build is a change, on which the views ask again.
   */
  private sliceFor(): void {
    if (!this.built) this.buildFor(HOLD_MS);
  }

  private putPending(event: PtaEvent): void {
    if (!this.slotOf.has(event.id)) this.put(event);
  }

  private finishBuild(): void {
    this.pending = [];
    this.pendingAt = 0;
    this.built = true;
    for (const resolve of this.builtWaiters.splice(0)) resolve();
  }

  private ensureBuilt(): void {
    if (this.built) return;
    while (this.pendingAt < this.pending.length) this.putPending(this.pending[this.pendingAt++]);
    this.finishBuild();
  }

  /** Indexes a new event, or takes a held event's new version in, touching the buckets only when its entities changed. */
  private put(event: PtaEvent): void {
    const { records, aliases } = this.recordsFor(this.reader.entitiesOf(event));
    const slot = this.slotOf.get(event.id);
    if (slot === undefined) {
      const newSlot = this.indexed.length;
      this.slotOf.set(event.id, newSlot);
      this.indexed.push({ event, records, aliases });
      this.columns.set(newSlot, event);
      this.link(newSlot, records, aliases);
      this.forgetTotals(records, aliases);
      return;
    }
    const held = this.indexed[slot];
    held.event = event;
    this.columns.set(slot, event);
    this.forgetTotals(held.records, held.aliases);
    if (sameRecords(held.records, records) && sameRecords(held.aliases, aliases)) return;
    this.unlink(slot, held.records, held.aliases);
    held.records = records;
    held.aliases = aliases;
    this.link(slot, records, aliases);
    this.forgetTotals(records, aliases);
  }

  /** Drops the totals an event's records feed, through any bare IP that names a host (before and after the change: called on both sides). */
  private forgetTotals(records: readonly EntityRecord[], aliases: readonly EntityRecord[]): void {
    if (this.totals.size === 0) return;
    for (const record of [...records, ...aliases]) {
      this.totals.delete(record);
      this.totals.delete(this.canonical(record));
      for (const named of record.names?.keys() ?? []) this.totals.delete(named);
      for (const ip of record.ips ?? []) this.totals.delete(ip);
    }
  }

  private recordsFor(entities: readonly Entity[]): { records: EntityRecord[]; aliases: readonly EntityRecord[] } {
    const records = new Array<EntityRecord>(entities.length);
    let aliases: EntityRecord[] | undefined;
    for (let at = 0; at < entities.length; at++) {
      const entity = entities[at];
      const record = (records[at] = this.recordOf(entity.kind, entity.key, entity.label, entity.accountId, entity.ip));
      if (entity.kind === 'host' && entity.ip) {
        const ipRecord = this.recordOf('host', this.reader.ipKey(entity.ip), entity.ip);
        if (ipRecord !== record) (aliases ??= []).push(ipRecord, record);
      }
    }
    return { records, aliases: aliases ?? NO_RECORDS };
  }

  private recordOf(kind: EntityKind, key: string, label: string, accountId?: string, ip?: string): EntityRecord {
    let record = this.records.get(key);
    if (!record) {
      const isBareIp = kind === 'host' && !ip && isIpAddress(label.trim());
      record = {
        kind,
        key,
        label,
        slots: [],
        ...(kind === 'host' ? (isBareIp ? { names: new Map() } : { ips: new Set() }) : {}),
      };
      this.records.set(key, record);
    }
    if (!record.accountId && accountId) record.accountId = accountId;
    if (!record.ip && ip) record.ip = ip;
    if (record.ips && !record.label.includes('.') && label.includes('.')) record.label = label;
    return record;
  }

  private link(slot: number, records: readonly EntityRecord[], aliases: readonly EntityRecord[]): void {
    for (const record of records) record.slots.push(slot);
    for (let i = 0; i < aliases.length; i += 2) {
      const [ipRecord, named] = [aliases[i], aliases[i + 1]];
      if (!ipRecord.names || !named.ips) continue;
      ipRecord.names.set(named, (ipRecord.names.get(named) ?? 0) + 1);
      named.ips.add(ipRecord);
    }
  }

  private unlink(slot: number, records: readonly EntityRecord[], aliases: readonly EntityRecord[]): void {
    for (const record of records) {
      const at = record.slots.indexOf(slot);
      record.slots[at] = record.slots[record.slots.length - 1];
      record.slots.pop();
    }
    for (let i = 0; i < aliases.length; i += 2) {
      const [ipRecord, named] = [aliases[i], aliases[i + 1]];
      const left = (ipRecord.names?.get(named) ?? 0) - 1;
      if (left > 0) {
        ipRecord.names!.set(named, left);
      } else {
        ipRecord.names?.delete(named);
        named.ips?.delete(ipRecord);
      }
    }
  }

  /** A bare IP resolved to exactly one named host is that host; every other record is itself. */
  private canonical(record: EntityRecord): EntityRecord {
    if (record.names?.size === 1) return record.names.keys().next().value!;
    return record;
  }

  private canonicalRecordsOf(slot: number): Set<EntityRecord> {
    return new Set(this.indexed[slot].records.map((record) => this.canonical(record)));
  }

  /** Calls `visit` once for each event of the canonical records, their aliased bare IPs included. */
  private visitEvents(records: EntityRecord | readonly EntityRecord[], visit: (slot: number) => void): void {
    const scan = this.columns.nextScan();
    const visitedIn = this.columns.visitedIn;
    const visitAll = (slots: readonly number[]) => {
      for (const slot of slots) {
        if (visitedIn[slot] === scan) continue;
        visitedIn[slot] = scan;
        visit(slot);
      }
    };
    for (const record of Array.isArray(records) ? records : [records]) {
      visitAll(record.slots);
      for (const ipRecord of record.ips ?? []) {
        if (this.canonical(ipRecord) === record) visitAll(ipRecord.slots);
      }
    }
  }

  private involves(slot: number, key: string): boolean {
    const record = this.records.get(key);
    return !!record && this.indexed[slot].records.some((own) => this.canonical(own) === record);
  }

  private eventById(eventId: string): PtaEvent | undefined {
    const slot = this.slotOf.get(eventId);
    return slot === undefined ? undefined : this.indexed[slot].event;
  }

  private entityOf(record: EntityRecord): Entity {
    return {
      kind: record.kind,
      key: record.key,
      label: record.label,
      ...(record.accountId ? { accountId: record.accountId } : {}),
      ...(record.ip ? { ip: record.ip } : {}),
    };
  }
}

/** The first `limit` items in the order `compare` gives, without sorting them all. */
function firstInOrder(items: readonly number[], limit: number, compare: (a: number, b: number) => number): number[] {
  const kept: number[] = [];
  for (const item of items) {
    if (kept.length === limit && (limit === 0 || compare(item, kept[limit - 1]) >= 0)) continue;
    let at = kept.length;
    while (at > 0 && compare(item, kept[at - 1]) < 0) at--;
    kept.splice(at, 0, item);
    if (kept.length > limit) kept.pop();
  }
  return kept;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byOpenRisk(a: EntityWithStats, b: EntityWithStats): number {
  return (
    (b.highestOpenScore ?? -1) - (a.highestOpenScore ?? -1) ||
    b.open - a.open ||
    b.closed - a.closed ||
    compareIds(a.entity.key, b.entity.key)
  );
}

function joinSides(a: HostSide | undefined, b: HostSide | undefined): HostSide | undefined {
  return a === b ? a : a && b ? 'both' : (a ?? b);
}

function sameRecords(a: readonly EntityRecord[], b: readonly EntityRecord[]): boolean {
  return a.length === b.length && a.every((record, i) => record === b[i]);
}
