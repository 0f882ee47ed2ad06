import { startBenchVault } from './benchVault';
import { measureCacheBytesPerJsonByte } from './cacheMemory';
import { measureDataPath } from './dataPath';
import { measureEntityIndex } from './entityLookup';
import { ExtensionEvents } from './extensionLoad';
import { measureGroupChildren } from './groupChildren';
import { measureOverview } from './overviewBench';
import { median, quantile, RoundPlan } from './stats';

/** Events changed in the vault before each incremental refresh. */
const CHANGED_EVENTS = 10;
const GROUP_CHILDREN_ROUNDS = 25;
const OVERVIEW_ROUNDS = 9;

/** Medians over the measured rounds of one data set. */
export interface SizeFigures {
  events: number;
  rounds: number;
  jsonBytes: number;
  fullLoadMs: number;
  bareFetchMs: number;
  /** Median of the per-round ratios of full load to bare fetch. */
  fullLoadRatio: number;
  /** The middle half of those ratios: how much the machine let them wander. */
  fullLoadRatioQuartiles: [number, number];
  fullLoadClientOnlyRatio: number;
  serverMs: number;
  incrementalMs: number;
  incrementalBytes: number;
  incrementalEvents: number;
  incrementalTimeShare: number;
  incrementalByteShare: number;
  groupChildrenAfterChangeMs: number;
  groupChildrenCachedMs: number;
  /** Every aggregate of the Overview, each event's entities known. */
  overviewAggregateMs: number;
  /** The same, reading each event's entities from its audits during the pass. */
  overviewAuditEntitiesMs: number;
  cacheBytesPerJsonByte: number;
  /** Entities with stats, related events and look-alikes of one open event, median over many events. */
  relatedLookupMs: number;
  entityIndexBuildMs: number;
  entityIndexBytesPerEvent: number;
}

export async function benchDataSet(eventCount: number, plan: RoundPlan): Promise<SizeFigures> {
  const vault = await startBenchVault(eventCount);
  try {
    const events = new ExtensionEvents(vault);
    const dataPath = await measureDataPath(vault, events, plan, CHANGED_EVENTS);
    const groupChildren = measureGroupChildren(events.store, events.view, events.sourceId, GROUP_CHILDREN_ROUNDS);
    const overview = measureOverview(events.store, OVERVIEW_ROUNDS);
    const entityIndex = await measureEntityIndex(events.store);
    const cacheBytesPerJsonByte = await measureCacheBytesPerJsonByte(events, dataPath.jsonBytes);
    const fullLoadMs = median(dataPath.fullLoadMs);
    const incrementalMs = median(dataPath.incrementalMs);
    const incrementalBytes = median(dataPath.incrementalBytes);
    return {
      events: eventCount,
      rounds: plan.rounds,
      jsonBytes: dataPath.jsonBytes,
      fullLoadMs,
      bareFetchMs: median(dataPath.bareMs),
      fullLoadRatio: median(dataPath.ratios),
      fullLoadRatioQuartiles: [quantile(dataPath.ratios, 0.25), quantile(dataPath.ratios, 0.75)],
      fullLoadClientOnlyRatio: median(dataPath.clientOnlyRatios),
      serverMs: median(dataPath.serverMs),
      incrementalMs,
      incrementalBytes,
      incrementalEvents: median(dataPath.incrementalEvents),
      incrementalTimeShare: incrementalMs / fullLoadMs,
      incrementalByteShare: incrementalBytes / dataPath.jsonBytes,
      groupChildrenAfterChangeMs: median(groupChildren.afterChangeMs),
      groupChildrenCachedMs: median(groupChildren.cachedMs),
      overviewAggregateMs: median(overview.heldEntitiesMs),
      overviewAuditEntitiesMs: median(overview.auditEntitiesMs),
      cacheBytesPerJsonByte,
      relatedLookupMs: median(entityIndex.lookupMs),
      entityIndexBuildMs: entityIndex.buildMs,
      entityIndexBytesPerEvent: entityIndex.bytesPerEvent,
    };
  } finally {
    await vault.stop();
  }
}
