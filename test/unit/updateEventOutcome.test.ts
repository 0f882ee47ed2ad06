import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { parseVaultAddress } from '../../src/api/baseUrl';
import { PvwaError } from '../../src/api/errors';
import { isOutcomeUnknown, PvwaClient } from '../../src/api/pvwaClient';
import { generateEvents } from '../simulator/data';
import { DEMO_PASSWORD, DEMO_USERNAME, PvwaSimulator } from '../simulator/server';

const CLOSE = { mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: 'done' } as const;

describe('PvwaClient.updateEvent when the answer is lost', () => {
  let sim: PvwaSimulator;

  beforeEach(async () => {
    sim = new PvwaSimulator({ events: generateEvents({ count: 10, seed: 3 }) });
    await sim.start();
  });

  afterEach(() => sim.stop());

  async function signedIn(timeoutSeconds = 5): Promise<{ client: PvwaClient; token: string; id: string }> {
    const client = new PvwaClient({ address: parseVaultAddress(sim.baseUrl), timeoutSeconds });
    const logon = await client.logon('CyberArk', DEMO_USERNAME, DEMO_PASSWORD);
    assert.equal(logon.kind, 'token');
    const id = sim.events().find((e) => e.mStatus === 'OPEN')!.id;
    return { client, token: logon.kind === 'token' ? logon.token : '', id };
  }

  it('says the outcome is unknown when the connection is cut after the request was sent', async () => {
    const { client, token, id } = await signedIn();
    sim.inject({ kind: 'reset' }, { method: 'PATCH' });
    await assert.rejects(client.updateEvent(token, id, CLOSE), (error: unknown) => {
      assert.ok(isOutcomeUnknown(error));
      assert.equal(error.kind, 'network', 'still a network failure to code that knows only PvwaError');
      assert.match(error.message, /was sent to 127\.0\.0\.1, but the connection was cut .* whether it was applied is unknown/);
      return true;
    });
    assert.equal(sim.requests.filter((r) => r.method === 'PATCH').length, 1, 'never retried');
  });

  it('says the outcome is unknown when no answer comes in time', async function () {
    // A 1-second limit must not race mocha's own 2-second default.
    this.timeout(10_000);
    const { client, token, id } = await signedIn(1);
    sim.inject({ kind: 'latency', ms: 1500 }, { method: 'PATCH' });
    await assert.rejects(client.updateEvent(token, id, CLOSE), (error: unknown) => isOutcomeUnknown(error) && error.kind === 'timeout' && /no answer came in time/.test(error.message));
  });

  it('keeps a plain failure when the request provably never reached the vault, or the vault answered', async () => {
    const { client, token, id } = await signedIn();
    sim.inject({ kind: 'html', status: 503 }, { method: 'PATCH' });
    await assert.rejects(client.updateEvent(token, id, CLOSE), (error: unknown) => error instanceof PvwaError && !isOutcomeUnknown(error) && error.status === 503);
    await sim.stop();
    // A new agent: a kept-alive socket cut by the stop would be an ambiguous reset, not a refusal.
    const fresh = new PvwaClient({ address: parseVaultAddress(sim.baseUrl), timeoutSeconds: 5, agent: new Agent() });
    await assert.rejects(fresh.updateEvent(token, id, CLOSE), (error: unknown) => error instanceof PvwaError && !isOutcomeUnknown(error) && error.code === 'ECONNREFUSED');
  });
});
