import nodeFetch, { RequestInit, Response } from 'node-fetch';
import * as http from 'node:http';
import { pipeline, Transform } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { parseVaultAddress } from '../../src/api/baseUrl';
import { FetchLike, PvwaClient, RequestLog } from '../../src/api/pvwaClient';
import { generateEvents, RawEvent } from '../simulator/data';
import { DEMO_PASSWORD, DEMO_USERNAME, PvwaSimulator } from '../simulator/server';

/** What the last answer through the client's fetch was. */
export interface ResponseFacts {
  url: string;
  bytes: number;
  /** From sending the request to having the headers: mostly the simulator producing its answer. */
  headersMs: number;
}

/** The simulator with a generated data set, signed in, and a real PvwaClient whose fetch notes each answer. */
export interface BenchVault {
  readonly simulator: PvwaSimulator;
  readonly client: PvwaClient;
  readonly token: string;
  lastResponse(): ResponseFacts;
  /** Puts the generated data back, undoing changeEvents. */
  restoreEvents(): void;
  stop(): Promise<void>;
}

/** The mean number of audits per event the data sets are generated with. */
const AVERAGE_AUDITS = 5;

/**
 * A connection per request on both sides: on a busy machine the gap between two rounds' requests can
 * reach the simulator's keep-alive timeout, and a pooled socket closed at that moment fails with
 * ECONNRESET, which says nothing about the extension.
 */
const noKeepAlive = new http.Agent({ keepAlive: false });

// The extension always passes a log; it formats a line per request, so the client does that work here too.
const discardingLog: RequestLog = { info: () => undefined, warn: () => undefined };

export async function startBenchVault(eventCount: number, averageAudits = AVERAGE_AUDITS): Promise<BenchVault> {
  const events = generateEvents({ count: eventCount, seed: eventCount, averageAudits });
  const simulator = new PvwaSimulator({ events });
  const baseUrl = await simulator.start();
  let last: ResponseFacts | undefined;
  const notingFetch: FetchLike = async (url, init) => {
    const started = performance.now();
    const response = await nodeFetch(url, { ...init, agent: noKeepAlive });
    const facts: ResponseFacts = { url, bytes: 0, headersMs: performance.now() - started };
    last = facts;
    // A long list comes in pieces without a Content-Length: its bytes are counted as they pass.
    const counting = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        facts.bytes += chunk.length;
        done(undefined, chunk);
      },
    });
    pipeline(response.body, counting, () => undefined);
    return new Response(counting, { url: response.url, status: response.status, statusText: response.statusText, headers: response.headers, size: init.size });
  };
  const client = new PvwaClient({ address: parseVaultAddress(baseUrl), timeoutSeconds: 600, log: discardingLog, fetch: notingFetch });
  const logon = await client.logon('CyberArk', DEMO_USERNAME, DEMO_PASSWORD);
  if (logon.kind !== 'token') throw new Error('the simulator asked for a RADIUS challenge on a CyberArk logon');
  return {
    simulator,
    client,
    token: logon.token,
    lastResponse: () => {
      if (!last) throw new Error('no answer seen yet');
      return last;
    },
    restoreEvents: () => simulator.setEvents(events),
    stop: () => simulator.stop(),
  };
}

/** The comparison: node-fetch and JSON.parse of the same URL with the same headers, nothing else. */
export async function bareFetchAndParse(url: string, token: string): Promise<{ parsed: unknown; headersMs: number }> {
  const init: RequestInit = { headers: { Accept: 'application/json', Authorization: token }, agent: noKeepAlive };
  const started = performance.now();
  const response = await nodeFetch(url, init);
  const headersMs = performance.now() - started;
  if (response.status !== 200) throw new Error(`baseline GET answered ${response.status}`);
  return { parsed: JSON.parse(await response.text()), headersMs };
}

/** Gives `count` events spread through the data a new update time and the other status, as triage elsewhere would. */
export function changeEvents(simulator: PvwaSimulator, count: number, updatedAt: number): void {
  const events = simulator.events();
  const step = Math.floor(events.length / count);
  for (let i = 0; i < count; i++) {
    const event: RawEvent = events[i * step];
    simulator.upsertEvent({ ...event, lastUpdateTime: updatedAt, mStatus: event.mStatus === 'OPEN' ? 'CLOSED' : 'OPEN' });
  }
}
