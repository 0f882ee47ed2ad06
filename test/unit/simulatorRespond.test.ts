import assert from 'node:assert/strict';
import { DEMO_PASSWORD, DEMO_USERNAME, PvwaSimulator } from '../simulator/server';

describe('PVWA simulator: what stands behind its events', () => {
  let sim: PvwaSimulator;

  afterEach(() => sim.stop());

  async function token(): Promise<string> {
    const response = await fetch(`${sim.appUrl}/API/auth/CyberArk/Logon`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: DEMO_USERNAME, password: DEMO_PASSWORD }) });
    return (await response.json()) as string;
  }

  it("gives the demo's data an open PSM event whose session is live", async () => {
    sim = new PvwaSimulator();
    await sim.start();
    const open = sim.events().filter((e) => e.type === 'PSMSuspiciousActivity' && e.mStatus === 'OPEN');
    const live = open.filter((e) => sim.respond.liveSessionOf(e.id));
    assert.ok(live.length >= 1);
    const session = sim.respond.liveSessionOf(live[0].id)!;
    const audits = live[0].audits as Array<{ vaultUser?: string; psmCommand?: string }>;
    assert.equal(session.record.User, audits.find((a) => a.vaultUser)?.vaultUser);
    assert.ok(session.activities.some((a) => audits.some((audit) => audit.psmCommand === a.ActivityText)));
    assert.ok(sim.respond.data.liveSessions.some((s) => !s.eventId));
    assert.ok(sim.respond.data.recordings.length > 0);
  });

  it('answers its version without a session, and an older version from the option', async () => {
    sim = new PvwaSimulator({ version: '10.4' });
    await sim.start();
    const response = await fetch(`${sim.appUrl}/WebServices/PIMServices.svc/Server`);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { ExternalVersion: string }).ExternalVersion, '10.4');
    const auth = { Authorization: await token() };
    const activities = await fetch(`${sim.appUrl}/API/Accounts/1_1/Activities`, { headers: auth });
    assert.equal(activities.status, 404);
    assert.match(await activities.text(), /^<!DOCTYPE html/);
  });

  it('refuses a partial user body, as the PVWA does', async () => {
    sim = new PvwaSimulator();
    await sim.start();
    const user = sim.respond.data.users[2];
    const response = await fetch(`${sim.appUrl}/API/Users/${user.id}`, { method: 'PUT', headers: { Authorization: await token(), 'Content-Type': 'application/json' }, body: JSON.stringify({ suspended: true }) });
    assert.equal(response.status, 400);
    assert.equal(user.suspended, false);
  });

  it('refuses a read-only auditor the PTA settings and the user list, not the accounts', async () => {
    sim = new PvwaSimulator({ auditor: true });
    await sim.start();
    const headers = { Authorization: await token() };
    assert.equal((await fetch(`${sim.appUrl}/API/pta/API/Settings`, { headers })).status, 403);
    assert.equal((await fetch(`${sim.appUrl}/API/Users?search=a`, { headers })).status, 403);
    assert.equal((await fetch(`${sim.appUrl}/API/Accounts?search=root`, { headers })).status, 200);
    const recorded = sim.requests.filter((r) => r.path.includes('/API/Users'));
    assert.deepEqual(recorded.map((r) => [r.method, r.query.search, r.status]), [['GET', 'a', 403]]);
  });
});
