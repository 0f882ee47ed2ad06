import assert from 'node:assert/strict';
import { parseVaultAddress } from '../../src/api/baseUrl';
import { PvwaError } from '../../src/api/errors';
import { AuthMethod, PvwaClient } from '../../src/api/pvwaClient';
import { generateEvents, newestFirst } from '../simulator/data';
import { DEMO_PASSWORD, DEMO_RADIUS_ANSWER, DEMO_USERNAME, PvwaSimulator } from '../simulator/server';

const NOW = Date.now();

describe('PvwaClient against the simulator', () => {
  let sim: PvwaSimulator;
  let lines: string[];

  function client(url = sim.baseUrl, timeoutSeconds = 5) {
    lines = [];
    return new PvwaClient({
      address: parseVaultAddress(url),
      timeoutSeconds,
      retryDelaysMs: [10, 20],
      log: { info: (m) => lines.push(m), warn: (m) => lines.push(m) },
    });
  }

  async function token(c = client()): Promise<string> {
    const result = await c.logon('CyberArk', DEMO_USERNAME, DEMO_PASSWORD);
    assert.equal(result.kind, 'token');
    return result.token;
  }

  beforeEach(async () => {
    sim = new PvwaSimulator({ events: generateEvents({ count: 50, seed: 2, now: NOW }) });
    await sim.start();
  });

  afterEach(() => sim.stop());

  for (const method of ['CyberArk', 'LDAP'] as AuthMethod[]) {
    it(`signs in with ${method} and sends the token verbatim`, async () => {
      const c = client();
      const result = await c.logon(method, DEMO_USERNAME, DEMO_PASSWORD);
      assert.equal(result.kind, 'token');
      const events = await c.getEvents(result.token);
      assert.ok(events.length > 0);
      const get = sim.requests.at(-1)!;
      assert.equal(get.headers.authorization, result.token);
      assert.equal(get.headers.accept, 'application/json');
      assert.equal(sim.requests[0].path, `/PasswordVault/API/auth/${method}/Logon`);
      assert.deepEqual(sim.requests[0].body, { username: DEMO_USERNAME, password: DEMO_PASSWORD, concurrentSession: true });
    });
  }

  it('answers a RADIUS challenge with the cookie, and refuses a wrong answer', async () => {
    const c = client();
    const first = await c.logon('RADIUS', DEMO_USERNAME, DEMO_PASSWORD);
    assert.equal(first.kind, 'challenge');
    if (first.kind !== 'challenge') return;
    assert.ok(first.message.length > 0);
    assert.ok(first.cookie.length > 0);
    const second = await c.logon('RADIUS', DEMO_USERNAME, DEMO_RADIUS_ANSWER, first.cookie);
    assert.equal(second.kind, 'token');
    assert.equal(sim.requests[1].headers.cookie, first.cookie);
    assert.deepEqual(sim.requests[1].body, { username: DEMO_USERNAME, password: DEMO_RADIUS_ANSWER });

    const again = await c.logon('RADIUS', DEMO_USERNAME, DEMO_PASSWORD);
    assert.equal(again.kind, 'challenge');
    if (again.kind !== 'challenge') return;
    await assert.rejects(c.logon('RADIUS', DEMO_USERNAME, '000000', again.cookie), (e: PvwaError) => e.kind === 'auth' && /PASWS013E/.test(e.message));
  });

  it('reports wrong credentials with the vault code and message, and never logs the password', async () => {
    await assert.rejects(client().logon('CyberArk', DEMO_USERNAME, 'nope'), (e: PvwaError) => {
      assert.equal(e.kind, 'auth');
      assert.match(e.message, /^HTTP 403, PASWS013E: Authentication failure for User \[analyst\]\.$/);
      return true;
    });
    assert.ok(lines.some((l) => /POST \/PasswordVault\/API\/auth\/CyberArk\/Logon 403 \d+ ms/.test(l)), lines.join('\n'));
    assert.ok(lines.every((l) => !l.includes('nope')));
  });

  for (const shape of ['', '/', '/PasswordVault', '/PasswordVault/', '/passwordvault']) {
    it(`reaches the vault at address shape "${shape || '(bare)'}"`, async () => {
      const c = client(sim.baseUrl + shape);
      assert.ok((await c.getEvents(await token(c))).length > 0);
    });
  }

  it('explains a wrong application path (IIS 404 page) in words', async () => {
    const c = client(`${sim.baseUrl}/PVWA`);
    await assert.rejects(c.logon('CyberArk', DEMO_USERNAME, DEMO_PASSWORD), (e: PvwaError) => {
      assert.match(e.message, /answered HTTP 404: no such page; check the application path/);
      assert.doesNotMatch(e.message, /</);
      return true;
    });
  });

  it('sends the three filters as documented', async () => {
    const c = client();
    const t = await token(c);
    const accountId = sim.events().flatMap((e) => ((e.audits as Array<{ accountId?: string }>) ?? [])).find((a) => a?.accountId)?.accountId;
    assert.ok(accountId);
    const events = await c.getEvents(t, { fromUpdateDate: Math.floor((NOW - 5 * 86_400_000) / 1000), status: 'OPEN', accountId });
    const query = sim.requests.at(-1)!.query;
    assert.deepEqual(query, { fromUpdateDate: String(Math.floor((NOW - 5 * 86_400_000) / 1000)), status: 'OPEN', accountID: accountId });
    for (const e of events as Array<Record<string, unknown>>) {
      assert.equal(e.mStatus, 'OPEN');
      assert.ok((e.lastUpdateTime as number) >= NOW - 5 * 86_400_000 - 1000);
    }
  });

  it('maps an expired session to sessionExpired', async () => {
    const c = client();
    const t = await token(c);
    sim.expireTokens();
    await assert.rejects(c.getEvents(t), (e: PvwaError) => e.kind === 'sessionExpired' && /PASWS006E/.test(e.message));
  });

  it('retries a GET on 503 and on a cut connection, twice at most', async () => {
    const c = client();
    const t = await token(c);
    sim.inject({ kind: 'html', status: 503 }, { method: 'GET' });
    sim.inject({ kind: 'reset' }, { method: 'GET' });
    assert.ok((await c.getEvents(t)).length > 0);
    sim.inject({ kind: 'html', status: 502 }, { method: 'GET', times: 3 });
    await assert.rejects(c.getEvents(t), /502 Bad Gateway/);
    assert.equal(sim.requests.filter((r) => r.method === 'GET').length, 6);
  });

  it('never retries a PATCH', async () => {
    const c = client();
    const t = await token(c);
    const id = sim.events()[0].id;
    sim.inject({ kind: 'html', status: 503 }, { method: 'PATCH' });
    await assert.rejects(c.updateEvent(t, id, { mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: '' }), /answered HTTP 503: the PVWA service may be stopped or overloaded/);
    assert.equal(sim.requests.filter((r) => r.method === 'PATCH').length, 1);
  });

  it('turns invalid, truncated and empty answers into one plain sentence', async () => {
    const c = client();
    const t = await token(c);
    sim.inject({ kind: 'invalidJson' }, { method: 'GET' });
    await assert.rejects(c.getEvents(t), /incomplete or invalid JSON/);
    sim.inject({ kind: 'truncatedJson' }, { method: 'GET' });
    await assert.rejects(c.getEvents(t), /incomplete or invalid JSON/);
    sim.inject({ kind: 'emptyBody', status: 200 }, { method: 'GET' });
    await assert.rejects(c.getEvents(t), /empty body/);
  });

  it('gives up after the time limit with a sentence naming the setting', async function () {
    // A 1-second limit plus retries would race mocha's own 2-second default.
    this.timeout(10_000);
    const c = client(sim.baseUrl, 1);
    const t = await token(c);
    sim.inject({ kind: 'latency', ms: 2500 }, { method: 'GET', times: 3 });
    await assert.rejects(c.getEvents(t), /did not answer within 1 second\..*requestTimeoutSeconds/);
  });

  it('refuses an answer over the size guard', async () => {
    const c = new PvwaClient({ address: parseVaultAddress(sim.baseUrl), timeoutSeconds: 10, maxResponseBytes: 100_000 });
    const t = await token(c);
    sim.inject({ kind: 'huge', bytes: 300_000 }, { method: 'GET' });
    await assert.rejects(c.getEvents(t), (e: PvwaError) => e.kind === 'tooLarge');
  });

  it('reads a long answer written in pieces as it arrives, in batches, in order, every event once', async function () {
    this.timeout(20_000);
    sim.setEvents(generateEvents({ count: 12_000, seed: 3, averageAudits: 1 }));
    const c = client();
    const t = await token(c);
    const batches: Array<{ size: number; received: number; bytes: number }> = [];
    const ids: string[] = [];
    const total = await c.streamEvents(t, {}, (events, progress) => {
      batches.push({ size: events.length, ...progress });
      for (const event of events) ids.push((event as { id: string }).id);
    });
    assert.deepEqual(ids, [...sim.events()].sort(newestFirst).map((e) => e.id));
    assert.ok(batches.length >= 12_000 / 500, `${batches.length} batches`);
    assert.ok(batches.every((b, i) => i === 0 || (b.received > batches[i - 1].received && b.bytes >= batches[i - 1].bytes)));
    assert.deepEqual(total, { received: 12_000, bytes: batches.at(-1)!.bytes });
  });

  it('refuses a streamed answer over the size guard', async () => {
    sim.setEvents(generateEvents({ count: 6_000, seed: 3, averageAudits: 1 }));
    const c = new PvwaClient({ address: parseVaultAddress(sim.baseUrl), timeoutSeconds: 10, maxResponseBytes: 100_000 });
    const t = await token(c);
    await assert.rejects(c.streamEvents(t, {}, () => undefined), (e: PvwaError) => e.kind === 'tooLarge');
  });

  it('explains a refused connection', async () => {
    const url = sim.baseUrl;
    await sim.stop();
    await assert.rejects(client(url).logon('CyberArk', DEMO_USERNAME, DEMO_PASSWORD), /refused the connection/);
    sim = new PvwaSimulator();
    await sim.start();
  });

  it('closes and reopens with the bodies the contract defines, and maps the vault refusals', async () => {
    const c = client();
    const t = await token(c);
    const open = sim.events().find((e) => e.mStatus === 'OPEN')!;
    const closed = (await c.updateEvent(t, open.id, { mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: 'ok' })) as Record<string, unknown>;
    assert.equal(closed.mStatus, 'CLOSED');
    assert.equal(closed.id, open.id);
    await assert.rejects(c.updateEvent(t, open.id, { mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: 'x'.repeat(101) }), (e: PvwaError) => e.kind === 'badRequest');
    await assert.rejects(c.updateEvent(t, 'ffffffffffffffffffffffff', { mStatus: 'OPEN', closeReason: 'NONE' }), (e: PvwaError) => e.kind === 'notFound');
    const reopened = (await c.updateEvent(t, open.id, { mStatus: 'OPEN', closeReason: 'NONE' })) as Record<string, unknown>;
    assert.equal(reopened.mStatus, 'OPEN');
  });

  it('logs off', async () => {
    const c = client();
    const t = await token(c);
    await c.logoff(t);
    await assert.rejects(c.getEvents(t), (e: PvwaError) => e.kind === 'sessionExpired');
  });
});
