import { bareFetchAndParse, BenchVault, changeEvents } from './benchVault';
import { ExtensionEvents } from './extensionLoad';
import { collectGarbage, RoundPlan, timeAsync } from './stats';

/** One sample per measured round; the full load and the bare fetch of a round ran next to each other. */
export interface DataPathSamples {
  jsonBytes: number;
  fullLoadMs: number[];
  bareMs: number[];
  /** Per round, full load over bare fetch. */
  ratios: number[];
  /** The same ratio without the time to the answer's headers on either side, i.e. without the simulator serialising its answer. */
  clientOnlyRatios: number[];
  /** The full load's time to the answer's headers. */
  serverMs: number[];
  incrementalMs: number[];
  incrementalBytes: number[];
  /** Events in the incremental answers: the changed ones plus any inside the refresh overlap. */
  incrementalEvents: number[];
}

/**
 * Rounds of: the extension's full load of the generated data, `changedEvents` events changed in
 * the vault, the extension's incremental refresh, and a bare fetch of the generated data, which
 * goes first in every other round so that drift and warm-up hit both sides alike. Leaves `events` loaded.
 */
export async function measureDataPath(vault: BenchVault, events: ExtensionEvents, plan: RoundPlan, changedEvents: number): Promise<DataPathSamples> {
  const samples: DataPathSamples = {
    jsonBytes: 0,
    fullLoadMs: [],
    bareMs: [],
    ratios: [],
    clientOnlyRatios: [],
    serverMs: [],
    incrementalMs: [],
    incrementalBytes: [],
    incrementalEvents: [],
  };
  const expectedEvents = vault.simulator.events().length;

  const fullLoad = async () => {
    await collectGarbage();
    const { ms, value } = await timeAsync(() => events.load(true));
    if (value.received !== expectedEvents || events.store.size !== expectedEvents) {
      throw new Error(`the full load held ${events.store.size} of ${value.received} received events, expected ${expectedEvents}`);
    }
    return { ms, response: vault.lastResponse() };
  };
  const bareFetch = async (url: string) => {
    await collectGarbage();
    const { ms, value } = await timeAsync(() => bareFetchAndParse(url, vault.token));
    if (!Array.isArray(value.parsed) || value.parsed.length !== expectedEvents) throw new Error('the bare fetch did not answer every event');
    return { ms, headersMs: value.headersMs };
  };
  // No collection first: a forced full collection makes the next small request about twice as slow
  // (V8 sweeps and warms up again), which would say more about gc() than about the refresh.
  const incrementalRefresh = async () => {
    changeEvents(vault.simulator, changedEvents, Date.now());
    const { ms, value } = await timeAsync(() => events.load(false));
    if (value.kind !== 'incremental' || value.updated.length < changedEvents) {
      throw new Error(`the ${value.kind} refresh updated ${value.updated.length} events, expected ${changedEvents}`);
    }
    return { ms, received: value.received, bytes: vault.lastResponse().bytes };
  };

  // Any full load's address answers every event: the look-back reaches past the oldest.
  let fullLoadUrl: string | undefined;
  for (let round = 0; round < plan.warmupRounds + plan.rounds; round++) {
    const bareFirst = fullLoadUrl !== undefined && round % 2 === 1;
    vault.restoreEvents();
    const bareBefore = bareFirst ? await bareFetch(fullLoadUrl!) : undefined;
    const full = await fullLoad();
    fullLoadUrl = full.response.url;
    // Right after the full load, as a refresh soon after a load would run.
    const incremental = await incrementalRefresh();
    vault.restoreEvents();
    const bare = bareBefore ?? (await bareFetch(fullLoadUrl));
    if (round < plan.warmupRounds) continue;
    samples.jsonBytes = full.response.bytes;
    samples.fullLoadMs.push(full.ms);
    samples.bareMs.push(bare.ms);
    samples.ratios.push(full.ms / bare.ms);
    samples.clientOnlyRatios.push((full.ms - full.response.headersMs) / (bare.ms - bare.headersMs));
    samples.serverMs.push(full.response.headersMs);
    samples.incrementalMs.push(incremental.ms);
    samples.incrementalBytes.push(incremental.bytes);
    samples.incrementalEvents.push(incremental.received);
  }
  return samples;
}
