// The bulkClose1000Ratio figure: closing 1,000 events against the simulator with 50 ms latency per
// request, through the real PvwaClient, Session and bulk runner, against one request after another
// through the same client and session in the same run. Then the same batch with the session expiring
// at the 500th request, to count the logons it costs. Runs alone with
// `node out/test/bench/bulkClose.js` after `npm run compile-tests`.
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { BULK_CONCURRENCY } from '../../src/triage/bulkRunner';
import { closeRequests, triageEvents, VaultCaller } from '../../src/triage/bulkTriage';
import { generateEvents, RawEvent } from '../simulator/data';
import { PvwaSimulator } from '../simulator/server';
import { signedInSession } from '../support/simulatorSession';
import { timeAsync } from './stats';

export interface BulkCloseFigures {
  events: number;
  latencyMs: number;
  concurrency: number;
  oneAtATimeMs: number;
  bulkMs: number;
  ratio: number;
  /** The most requests the simulator was answering at once during the bulk run. */
  maxInFlight: number;
  /** Logons during the batch whose session expired at the 500th request: 1 is one renewal. */
  renewalLogons: number;
  /** Events closed in that batch; all of them when the renewal worked. */
  closedAfterExpiry: number;
}

const EVENTS = 1_000;
const LATENCY_MS = 50;
const EXPIRE_AT_REQUEST = 500;

export async function measureBulkClose(): Promise<BulkCloseFigures> {
  const events: RawEvent[] = generateEvents({ count: EVENTS, seed: 1000, hostileShare: 0 }).map((e) => ({ ...e, mStatus: 'OPEN', closeReason: 'NONE' }));
  const sim = new PvwaSimulator({ events, latencyMs: LATENCY_MS });
  await sim.start();
  try {
    const { session } = await signedInSession(sim, 600);
    const open = (): PtaEvent[] => sim.events().map((raw) => normalizeEvent(raw)!);

    const sequential = await timeAsync(() => closeOneAtATime(session, open()));
    sim.setEvents(events);
    sim.resetLoadStats();
    const bulk = await timeAsync(() => triageEvents(session, closeRequests(open(), 'NOTREAL', 'bench'), { concurrency: BULK_CONCURRENCY.default }));
    const maxInFlight = sim.loadStats.maxInFlight;
    if (sequential.value !== EVENTS || bulk.value.succeeded.length !== EVENTS) throw new Error('not every event closed');

    sim.setEvents(events);
    sim.resetLoadStats();
    sim.expireTokensAtRequest(EXPIRE_AT_REQUEST);
    const expiring = await triageEvents(session, closeRequests(open(), 'NOTREAL', 'bench'), { concurrency: BULK_CONCURRENCY.default });
    return {
      events: EVENTS,
      latencyMs: LATENCY_MS,
      concurrency: BULK_CONCURRENCY.default,
      oneAtATimeMs: sequential.ms,
      bulkMs: bulk.ms,
      ratio: bulk.ms / sequential.ms,
      maxInFlight,
      renewalLogons: sim.loadStats.logons,
      closedAfterExpiry: expiring.succeeded.length,
    };
  } finally {
    await sim.stop();
  }
}

/** What a bulk close did before: one PATCH after another. */
async function closeOneAtATime(session: VaultCaller, events: readonly PtaEvent[]): Promise<number> {
  let closed = 0;
  for (const event of events) {
    await session.call((client, token) => client.updateEvent(token, event.id, { mStatus: 'CLOSED', closeReason: 'NOTREAL', reasonText: 'bench' }));
    closed++;
  }
  return closed;
}

export function describeBulkClose(f: BulkCloseFigures): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return (
    `Bulk close: ${f.events.toLocaleString('en-US')} events, ${f.latencyMs} ms latency per request: one at a time ${s(f.oneAtATimeMs)}, ` +
    `side by side (concurrency ${f.concurrency}, at most ${f.maxInFlight} in flight) ${s(f.bulkMs)}, ratio ${f.ratio.toFixed(3)}. ` +
    `Session expiring at request ${EXPIRE_AT_REQUEST}: ${f.renewalLogons} logon${f.renewalLogons === 1 ? '' : 's'}, ${f.closedAfterExpiry.toLocaleString('en-US')} closed.`
  );
}

if (require.main === module) {
  measureBulkClose().then(
    (figures) => {
      console.log(describeBulkClose(figures));
      console.log(`BENCH_JSON ${JSON.stringify({ bulkClose1000Ratio: Number(figures.ratio.toPrecision(4)), bulkClose: figures })}`);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
