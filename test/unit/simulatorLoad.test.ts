import assert from 'node:assert/strict';
import fetch from 'node-fetch';
import { generateEvents } from '../simulator/data';
import { DEMO_PASSWORD, DEMO_USERNAME, PvwaSimulator, SimulatorOptions } from '../simulator/server';

describe('PVWA simulator under load', () => {
  let sim: PvwaSimulator;

  async function start(options: SimulatorOptions = {}): Promise<string> {
    sim = new PvwaSimulator({ events: generateEvents({ count: 20, seed: 9 }), ...options });
    await sim.start();
    return logon();
  }

  afterEach(() => sim.stop());

  async function logon(): Promise<string> {
    const response = await fetch(`${sim.appUrl}/API/auth/CyberArk/Logon`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: DEMO_USERNAME, password: DEMO_PASSWORD }),
    });
    assert.equal(response.status, 200);
    return (await response.json()) as string;
  }

  const get = (token: string) => fetch(`${sim.appUrl}/API/pta/API/Events/`, { headers: { Authorization: token } });
  const close = (token: string, id: string) =>
    fetch(`${sim.appUrl}/API/pta/API/Events/${id}`, { method: 'PATCH', headers: { Authorization: token, 'Content-Type': 'application/json' }, body: '{"mStatus":"CLOSED"}' });

  it('answers every request after the latency asked for, and records the most in flight', async () => {
    const token = await start({ latencyMs: 60 });
    sim.resetLoadStats();
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 5 }, () => get(token)));
    const elapsed = Date.now() - started;
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200, 200]);
    assert.ok(elapsed >= 55 && elapsed < 300, `${elapsed} ms: side by side, not one after another`);
    assert.equal(sim.loadStats.maxInFlight, 5);
    sim.setLatency(0);
    sim.resetLoadStats();
    await get(token);
    assert.equal(sim.loadStats.maxInFlight, 1);
  });

  it('answers 429 with Retry-After to a request beyond maxInFlight, and changes nothing', async () => {
    const token = await start({ latencyMs: 40 });
    sim.setThrottle({ maxInFlight: 2, method: 'PATCH' });
    const ids = sim.events().slice(0, 4).map((e) => e.id);
    const before = ids.map((id) => sim.getEvent(id)!.mStatus);
    const answers = await Promise.all(ids.map((id) => close(token, id)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 429, 429]);
    const refused = answers.findIndex((a) => a.status === 429);
    assert.equal(answers[refused].headers.get('retry-after'), '1');
    assert.equal(sim.getEvent(ids[refused])!.mStatus, before[refused]);
    assert.equal((await get(token)).status, 200, 'GETs are not throttled by a PATCH rule');
  });

  it('answers 503 to every nth request, until cleared', async () => {
    const token = await start();
    sim.setThrottle({ everyNth: 3, status: 503 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await get(token)).status);
    assert.deepEqual(statuses, [200, 200, 503, 200, 200, 503]);
    sim.clearThrottle();
    assert.equal((await get(token)).status, 200);
    assert.throws(() => sim.setThrottle({}), RangeError);
  });

  it('expires every token at the nth request from now, and counts logons', async () => {
    const token = await start();
    assert.equal(sim.loadStats.logons, 1);
    sim.expireTokensAtRequest(3);
    const statuses = [(await get(token)).status, (await get(token)).status, (await get(token)).status, (await get(token)).status];
    assert.deepEqual(statuses, [200, 200, 401, 401]);
    const renewed = await logon();
    assert.equal((await get(renewed)).status, 200, 'expiry happens once');
    assert.equal(sim.loadStats.logons, 2);
    sim.resetLoadStats();
    assert.equal(sim.loadStats.logons, 0);
  });
});
