import { EntityIndex } from '../../src/derived/entityIndex';
import { EventStore } from '../../src/store/eventStore';
import { collectGarbage, timeSync } from './stats';

export interface EntityIndexSamples {
  /** Building the index from the loaded store: what the first question after a load pays. */
  buildMs: number;
  /** Live heap the built index holds, per loaded event. */
  bytesPerEvent: number;
  /** Per open event asked about: its entities with their stats, its related events and its look-alikes. */
  lookupMs: number[];
}

/** Events asked about, spread through the Open list. */
const LOOKUPS = 200;
const WARMUP_LOOKUPS = 50;

/** Measures an EntityIndex over a loaded store: its build, its heap, and what the details panel asks of it per event. */
export async function measureEntityIndex(store: EventStore): Promise<EntityIndexSamples> {
  await collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const index = new EntityIndex(store);
  // Any question builds it; this one adds nothing else.
  const build = timeSync(() => index.events(''));
  await collectGarbage();
  const bytesPerEvent = (process.memoryUsage().heapUsed - heapBefore) / store.size;

  const open = store.list('OPEN');
  const step = Math.max(1, Math.floor(open.length / LOOKUPS));
  const subjects = open.filter((_, i) => i % step === 0).slice(0, LOOKUPS);
  const lookup = (eventId: string) =>
    timeSync(() => ({
      entities: index.entitiesWithStats(eventId),
      related: index.related(eventId),
      lookAlikes: index.lookAlikes(eventId),
    })).ms;
  subjects.slice(0, WARMUP_LOOKUPS).forEach((event) => lookup(event.id));
  const lookupMs = subjects.map((event) => lookup(event.id));
  index.dispose();
  return { buildMs: build.ms, bytesPerEvent, lookupMs };
}
