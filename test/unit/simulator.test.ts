import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent } from 'node:http';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import fetch, { RequestInit, Response } from 'node-fetch';
import { generateEvents, HOSTILE_STRINGS, RawEvent } from '../simulator/data';
import { DEMO_PASSWORD, DEMO_RADIUS_ANSWER, DEMO_USERNAME, PvwaSimulator, SimulatorOptions } from '../simulator/server';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const DAY_MS = 86_400_000;
const EVENTS_PATH = '/API/pta/API/Events/';
const SESSION_EXPIRED = { ErrorCode: 'PASWS006E', ErrorMessage: 'Session expired or no session token.', Details: null };

type Json = Record<string, unknown>;

function auditsOf(event: Json): Json[] {
  return Array.isArray(event.audits) ? (event.audits as Json[]) : [];
}

/** Every string in a value, object keys included. */
function collectStrings(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) value.forEach((item) => collectStrings(item, into));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      into.add(key);
      collectStrings(item, into);
    }
  }
  return into;
}

function riskBand(score: number): 'low' | 'medium' | 'high' {
  return score > 75 ? 'high' : score >= 35 ? 'medium' : 'low';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('PVWA simulator', () => {
  const running: PvwaSimulator[] = [];

  async function startSimulator(options: SimulatorOptions = {}): Promise<PvwaSimulator> {
    const sim = new PvwaSimulator({ events: generateEvents({ count: 120, now: NOW }), ...options });
    running.push(sim);
    await sim.start();
    return sim;
  }

  afterEach(async () => {
    await Promise.all(running.splice(0).map((sim) => sim.stop()));
  });

  function url(sim: PvwaSimulator, pathBelowApp: string): string {
    return `${sim.baseUrl}/PasswordVault${pathBelowApp}`;
  }

  function logon(sim: PvwaSimulator, method: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(url(sim, `/API/auth/${method}/Logon`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  function demoLogon(sim: PvwaSimulator, method = 'CyberArk', password = DEMO_PASSWORD): Promise<Response> {
    return logon(sim, method, { username: DEMO_USERNAME, password, concurrentSession: true });
  }

  async function signIn(sim: PvwaSimulator): Promise<string> {
    const response = await demoLogon(sim);
    assert.equal(response.status, 200);
    return (await response.json()) as string;
  }

  function getEvents(sim: PvwaSimulator, token: string | undefined, query = '', init: RequestInit = {}): Promise<Response> {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
    if (token !== undefined) headers.Authorization = token;
    return fetch(url(sim, EVENTS_PATH) + query, { ...init, headers });
  }

  async function eventsFrom(sim: PvwaSimulator, token: string, query = '', headers: Record<string, string> = {}): Promise<RawEvent[]> {
    const response = await getEvents(sim, token, query, { headers });
    const text = await response.text();
    assert.equal(response.status, 200, text);
    return JSON.parse(text) as RawEvent[];
  }

  function patchEvent(sim: PvwaSimulator, token: string | undefined, id: string, body: unknown): Promise<Response> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (token !== undefined) headers.Authorization = token;
    return fetch(url(sim, `/API/pta/API/Events/${encodeURIComponent(id)}`), {
      method: 'PATCH',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async function assertIisPage(response: Response, status: number): Promise<void> {
    assert.equal(response.status, status);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await response.text(), /<html/i);
  }

  describe('data generator', () => {
    it('is deterministic for a seed and a clock, and differs across seeds', () => {
      const first = generateEvents({ count: 300, seed: 5, now: NOW });
      assert.deepEqual(generateEvents({ count: 300, seed: 5, now: NOW }), first);
      assert.notDeepEqual(generateEvents({ count: 300, seed: 6, now: NOW }), first);
    });

    it('generates exactly the count asked for, newest lastUpdateTime first, with unique 24-hex ids', () => {
      assert.equal(generateEvents({ count: 0 }).length, 0);
      const events = generateEvents({ count: 777, now: NOW });
      assert.equal(events.length, 777);
      for (let index = 1; index < events.length; index++) {
        assert.ok(events[index - 1].lastUpdateTime >= events[index].lastUpdateTime);
      }
      assert.ok(events.every((event) => /^[0-9a-f]{24}$/.test(event.id)));
      assert.equal(new Set(events.map((event) => event.id)).size, events.length);
    });

    it('spreads lastUpdateTime over the window and keeps createTime at or before it', () => {
      const events = generateEvents({ count: 500, now: NOW, windowDays: 10 });
      assert.ok(events.every((event) => event.lastUpdateTime <= NOW && event.lastUpdateTime >= NOW - 10 * DAY_MS));
      assert.ok(events.some((event) => event.lastUpdateTime < NOW - 8 * DAY_MS));
      const withCreateTime = events.filter((event) => typeof event.createTime === 'number');
      assert.ok(withCreateTime.length > 400);
      assert.ok(withCreateTime.every((event) => (event.createTime as number) <= event.lastUpdateTime));
      assert.ok(withCreateTime.some((event) => (event.createTime as number) < event.lastUpdateTime));
    });

    it('keeps every audit list within 1..20 with the requested mean', () => {
      for (const averageAudits of [2, 5, 12]) {
        const counts = generateEvents({ count: 2000, now: NOW, averageAudits })
          .filter((event) => Array.isArray(event.audits) && event.audits.length > 0)
          .map((event) => (event.audits as unknown[]).length);
        assert.ok(counts.every((count) => count >= 1 && count <= 20));
        const mean = counts.reduce((sum, count) => sum + count, 0) / counts.length;
        assert.ok(Math.abs(mean - averageAudits) < 0.5, `mean ${mean} for ${averageAudits}`);
      }
      const counts = generateEvents({ count: 500, now: NOW }).map((event) => auditsOf(event).length);
      assert.ok(counts.includes(1) && counts.includes(20));
    });

    it('has about 70% open events, and closed ones with a close reason and text', () => {
      const events = generateEvents({ count: 1000, now: NOW });
      const closed = events.filter((event) => event.mStatus === 'CLOSED');
      const open = events.filter((event) => event.mStatus === 'OPEN');
      assert.equal(open.length + closed.length, events.length);
      assert.ok(open.length / events.length > 0.62 && open.length / events.length < 0.78, `${open.length} open`);
      const explained = closed.filter((event) => ['HANDLED', 'NOTREAL', 'OTHER'].includes(event.closeReason as string) && typeof event.reasonText === 'string');
      assert.ok(explained.length / closed.length > 0.9);
      assert.deepEqual(new Set(explained.map((event) => event.closeReason)), new Set(['HANDLED', 'NOTREAL', 'OTHER']));
    });

    it('covers every risk band with fractional and integer scores within 0..100', () => {
      const scores = generateEvents({ count: 200, now: NOW })
        .map((event) => event.score)
        .filter((score): score is number => typeof score === 'number');
      assert.ok(scores.every((score) => score >= 0 && score <= 100));
      assert.deepEqual(new Set(scores.map(riskBand)), new Set(['low', 'medium', 'high']));
      assert.ok(scores.some((score) => Number.isInteger(score)));
      assert.ok(scores.some((score) => !Number.isInteger(score)));
      assert.ok(scores.some((score) => /\.\d+0000000\d$/.test(String(score))), 'float noise such as 27.656250000000004');
    });

    it('uses many event types and the documented audit shapes', () => {
      const events = generateEvents({ count: 500, now: NOW });
      const types = new Set(events.map((event) => event.type));
      assert.ok(types.size >= 10);
      for (const type of ['VaultViaIrregularIp', 'InteractiveLogonWithServiceAccount', 'PSMSuspiciousActivity', 'SuspectedCredentialsTheft', 'UnmanagedPrivilegedAccount', 'OverPassTheHash', 'GoldenTicket', 'SuspiciousPasswordChange']) {
        assert.ok(types.has(type), type);
      }
      const audits = events.flatMap(auditsOf);
      const auditTypes = new Set(audits.map((audit) => audit.type));
      for (const type of ['VAULT_LOGON', 'WINDOWS_LOGON', 'PSM_SSH_COMMAND', 'PSM_WINDOWS_COMMAND']) assert.ok(auditTypes.has(type), type);
      const sensors = new Set(audits.map((audit) => audit.sensorType));
      for (const sensor of ['VAULT', 'SIEM', 'PSM']) assert.ok(sensors.has(sensor), sensor);
      const psmAudits = audits.filter((audit) => audit.sensorType === 'PSM');
      assert.ok(psmAudits.filter((audit) => typeof audit.psmCommand === 'string').length > psmAudits.length * 0.9);
      assert.ok(audits.some((audit) => typeof audit.accountId === 'string' && /^\d+_\d+$/.test(audit.accountId)));
      const account = audits.map((audit) => audit.account as Json | undefined).find((candidate) => candidate?.type === 'DOMAIN');
      assert.ok(account && typeof account.accountAsStr === 'string');
      assert.ok(Object.keys(account.account as Json).every((key) => ['mUser', 'mDomain', 'spnList', 'mTarget'].includes(key)));
      assert.ok(audits.some((audit) => ((audit.source as Json | undefined)?.mResolvedAddress as Json | undefined)?.mFqdn));
      assert.ok(audits.some((audit) => audit.cloudData));
      const additional = events.map((event) => event.additionalData as Json | undefined).filter(Boolean) as Json[];
      assert.ok(additional.some((data) => typeof data.matchPatterns === 'string'));
      assert.ok(additional.some((data) => typeof data.station === 'string' && typeof data.vault_user === 'string' && typeof data.reason === 'string'));
      assert.ok(additional.some((data) => typeof data.aggregation_count === 'number'));
    });

    it('includes the sparse shapes real vaults send', () => {
      const events = generateEvents({ count: 300, now: NOW, hostileShare: 0 });
      const audits = events.flatMap(auditsOf);
      assert.ok(events.some((event) => Array.isArray(event.audits) && event.audits.length === 0), 'audits: []');
      assert.ok(events.some((event) => event.audits === null), 'audits: null');
      assert.ok(events.some((event) => !('additionalData' in event)), 'no additionalData');
      assert.ok(events.some((event) => event.additionalData === null), 'additionalData: null');
      assert.ok(events.some((event) => Object.keys(event).length === 3), 'only id, lastUpdateTime and mStatus');
      assert.ok(events.some((event) => event.createTime === null && event.closeReason === null), 'explicit nulls');
      assert.ok(audits.some((audit) => !('account' in audit)), 'an audit without account');
      assert.ok(audits.some((audit) => audit.account === null), 'an audit with account: null');
      assert.ok(audits.some((audit) => Object.keys(audit).length === 0), 'an empty audit');
      assert.ok(audits.some((audit) => audit.source && !('mResolvedAddress' in (audit.source as Json))), 'an unresolved address');
      assert.ok(events.some((event) => Number.isInteger(event.score)), 'an integer score');
    });

    it('is plain JSON: a round trip changes nothing', () => {
      const events = generateEvents({ count: 300, now: NOW, hostileShare: 0.1 });
      assert.deepEqual(JSON.parse(JSON.stringify(events)), events);
    });

    it('lists at least 30 hostile strings of every kind', () => {
      assert.ok(HOSTILE_STRINGS.length >= 30);
      const has = (needle: string) => HOSTILE_STRINGS.some((text) => text.includes(needle));
      for (const needle of [
        '<img src=x onerror=alert(1)>',
        '</script><script>alert(1)</script>',
        '" onmouseover="alert(1)',
        '<meta http-equiv=',
        '<base href=',
        '<iframe srcdoc=',
        '[click](command:workbench.action.terminal.new)',
        '$(',
        '\u0000',
        '\u001b[31m',
        '\r\n',
        '\u202e',
        '\u200b',
        '${process.exit()}',
        "{{constructor.constructor('alert(1)')()}}",
        'javascript:',
        '\\',
        '"',
      ]) {
        assert.ok(has(needle), JSON.stringify(needle));
      }
      assert.ok(HOSTILE_STRINGS.some((text) => text.length >= 10_000));
      assert.ok(HOSTILE_STRINGS.some((text) => /[\ud800-\udbff][\udc00-\udfff]/.test(text)));
    });

    it('plants hostile strings in a small share of events, in attacker-influenced fields', () => {
      const hostile = new Set(HOSTILE_STRINGS);
      const isHostile = (value: unknown) => typeof value === 'string' && hostile.has(value);
      const clean = generateEvents({ count: 300, now: NOW, hostileShare: 0 });
      assert.equal([...collectStrings(clean)].filter(isHostile).length, 0);

      const events = generateEvents({ count: 200, now: NOW });
      const tainted = events.filter((event) => [...collectStrings(event)].some(isHostile));
      assert.ok(tainted.length >= 2 && tainted.length <= 10, `${tainted.length} hostile events`);
      const audits = tainted.flatMap(auditsOf);
      assert.ok(audits.some((audit) => isHostile(audit.psmCommand)));
      assert.ok(audits.some((audit) => isHostile(audit.vaultUser)));
      assert.ok(audits.some((audit) => isHostile(((audit.source as Json).mResolvedAddress as Json).mHostName)));
      assert.ok(audits.some((audit) => isHostile(((audit.account as Json).account as Json).mUser)));
      assert.ok(tainted.some((event) => isHostile(event.reasonText)));
      assert.ok(tainted.some((event) => Object.entries(event.additionalData as Json).some(([key, value]) => isHostile(key) && isHostile(value))));

      const everything = collectStrings(generateEvents({ count: 10, now: NOW, hostileShare: 1 }));
      assert.deepEqual(HOSTILE_STRINGS.filter((text) => !everything.has(text)), []);
    });

    it('repeats detections for the same account, and closes most of them the same way', () => {
      const events = generateEvents({ count: 400, now: NOW });
      const accountOf = (event: RawEvent) => ((auditsOf(event)[0]?.account as Json | undefined)?.accountAsStr as string | undefined);
      const redTeam = events.filter((event) => event.reasonText === 'Red team exercise, ticket SEC-2231');
      assert.ok(redTeam.length >= 3, `${redTeam.length} closed as the red team exercise`);
      assert.ok(redTeam.every((event) => event.mStatus === 'CLOSED' && event.closeReason === 'NOTREAL' && event.type === 'PSMSuspiciousActivity'));
      const accounts = new Set(redTeam.map(accountOf));
      const openAlike = events.find((event) => event.mStatus === 'OPEN' && event.type === 'PSMSuspiciousActivity' && accounts.has(accountOf(event)));
      assert.ok(openAlike, 'an open event of the same type and account');
    });

    it('shows a host as a bare IP in one event and resolved to its name in another', () => {
      const addresses = generateEvents({ count: 200, now: NOW, hostileShare: 0 })
        .flatMap(auditsOf)
        .flatMap((audit) => [audit.source, audit.target] as Array<Json | undefined>)
        .filter((address): address is Json => !!address);
      const resolvedIps = new Set(addresses.map((a) => (a.mResolvedAddress as Json | undefined)?.mAddress).filter(Boolean));
      const bare = addresses.filter((a) => !a.mResolvedAddress && resolvedIps.has(a.mOriginalAddress));
      assert.ok(bare.length >= 10, `${bare.length} bare IPs resolved elsewhere`);
    });

    it('generates 50,000 events', function () {
      this.timeout(60_000);
      assert.equal(generateEvents({ count: 50_000 }).length, 50_000);
    });
  });

  describe('logon', () => {
    for (const method of ['CyberArk', 'LDAP', 'cyberark', 'ldap']) {
      it(`signs in with ${method} and answers the token as a JSON string`, async () => {
        const sim = await startSimulator();
        const response = await demoLogon(sim, method);
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
        const body = await response.text();
        assert.match(body, /^"[A-Za-z0-9+/=]{100,}"$/);
        assert.equal((await getEvents(sim, JSON.parse(body) as string)).status, 200);
      });
    }

    it('issues a different token for every logon', async () => {
      const sim = await startSimulator();
      assert.notEqual(await signIn(sim), await signIn(sim));
    });

    it('refuses Windows authentication with a CyberArk error', async () => {
      const sim = await startSimulator();
      const response = await demoLogon(sim, 'Windows');
      assert.equal(response.status, 403);
      assert.equal(((await response.json()) as Json).ErrorCode, 'PASWS013E');
    });

    it('answers wrong credentials with 403 and the CyberArk error body', async () => {
      const sim = await startSimulator();
      const response = await demoLogon(sim, 'CyberArk', 'wrong');
      assert.equal(response.status, 403);
      assert.deepEqual(await response.json(), { ErrorCode: 'PASWS013E', ErrorMessage: 'Authentication failure for User [analyst].', Details: null });
      const unknown = await logon(sim, 'LDAP', { username: 'mallory', password: DEMO_PASSWORD });
      assert.equal(((await unknown.json()) as Json).ErrorMessage, 'Authentication failure for User [mallory].');
    });

    it('refuses a body without credentials or not JSON with 400', async () => {
      const sim = await startSimulator();
      for (const body of [{ username: DEMO_USERNAME }, { password: DEMO_PASSWORD }, 'not json', '']) {
        const response = await logon(sim, 'CyberArk', body);
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.match(String(((await response.json()) as Json).ErrorCode), /^PASWS/);
      }
    });

    it('suspends a user after 5 consecutive failures, even with the right password, until restarted', async () => {
      const sim = await startSimulator({ users: [{ username: DEMO_USERNAME, password: DEMO_PASSWORD }, { username: 'other', password: 'secret' }] });
      for (let attempt = 1; attempt <= 5; attempt++) {
        const response = await demoLogon(sim, 'CyberArk', `wrong${attempt}`);
        assert.equal(((await response.json()) as Json).ErrorCode, 'PASWS013E');
      }
      for (const method of ['CyberArk', 'LDAP', 'RADIUS']) {
        const response = await logon(sim, method, { username: 'ANALYST', password: DEMO_PASSWORD });
        assert.equal(response.status, 403);
        assert.equal(((await response.json()) as Json).ErrorCode, 'PASWS268E');
      }
      assert.equal((await logon(sim, 'CyberArk', { username: 'other', password: 'secret' })).status, 200);
      await sim.stop();
      await sim.start();
      assert.equal((await demoLogon(sim)).status, 200);
    });

    it('forgets failures after a successful logon', async () => {
      const sim = await startSimulator();
      for (let round = 0; round < 2; round++) {
        for (let attempt = 0; attempt < 4; attempt++) await demoLogon(sim, 'CyberArk', 'wrong');
        assert.equal((await demoLogon(sim)).status, 200);
      }
    });

    it('completes a RADIUS challenge with the session cookie', async () => {
      const sim = await startSimulator();
      const challenge = await demoLogon(sim, 'RADIUS');
      assert.equal(challenge.status, 500);
      assert.deepEqual(await challenge.json(), { ErrorCode: 'ITATS542I', ErrorMessage: 'Enter the one-time code from your authenticator app' });
      const setCookie = challenge.headers.get('set-cookie') ?? '';
      assert.match(setCookie, /^ASP\.NET_SessionId=[^;]+; path=\/; HttpOnly$/);
      const cookie = setCookie.split(';')[0];
      const answer = await logon(sim, 'RADIUS', { username: DEMO_USERNAME, password: DEMO_RADIUS_ANSWER }, { Cookie: `other=1; ${cookie}` });
      assert.equal(answer.status, 200);
      assert.equal((await getEvents(sim, (await answer.json()) as string)).status, 200);
    });

    it('asks again while RADIUS rounds remain, with a different message each time', async () => {
      const sim = await startSimulator({ radiusChallengeRounds: 3 });
      const first = await demoLogon(sim, 'RADIUS');
      const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0];
      const messages = [((await first.json()) as Json).ErrorMessage];
      for (let round = 2; round <= 3; round++) {
        const next = await logon(sim, 'RADIUS', { username: DEMO_USERNAME, password: DEMO_RADIUS_ANSWER }, { Cookie: cookie });
        assert.equal(next.status, 500);
        const body = (await next.json()) as Json;
        assert.equal(body.ErrorCode, 'ITATS542I');
        messages.push(body.ErrorMessage);
      }
      assert.equal(new Set(messages).size, 3);
      const last = await logon(sim, 'RADIUS', { username: DEMO_USERNAME, password: DEMO_RADIUS_ANSWER }, { Cookie: cookie });
      assert.equal(last.status, 200);
    });

    it('refuses a wrong RADIUS answer, and the challenge is then gone', async () => {
      const sim = await startSimulator();
      const cookie = ((await demoLogon(sim, 'RADIUS')).headers.get('set-cookie') ?? '').split(';')[0];
      const wrong = await logon(sim, 'RADIUS', { username: DEMO_USERNAME, password: '000000' }, { Cookie: cookie });
      assert.equal(wrong.status, 403);
      assert.equal(((await wrong.json()) as Json).ErrorCode, 'PASWS013E');
      const late = await logon(sim, 'RADIUS', { username: DEMO_USERNAME, password: DEMO_RADIUS_ANSWER }, { Cookie: cookie });
      assert.equal(late.status, 403);
    });

    it('refuses a RADIUS answer without the cookie or with an unknown one', async () => {
      const sim = await startSimulator();
      await demoLogon(sim, 'RADIUS');
      const answer = { username: DEMO_USERNAME, password: DEMO_RADIUS_ANSWER };
      const noCookie: Record<string, string> = {};
      for (const headers of [noCookie, { Cookie: 'ASP.NET_SessionId=forged' }]) {
        const response = await logon(sim, 'RADIUS', answer, headers);
        assert.equal(response.status, 403);
        assert.equal(((await response.json()) as Json).ErrorCode, 'PASWS013E');
      }
    });

    it('refuses a wrong RADIUS password without starting a challenge', async () => {
      const sim = await startSimulator();
      const response = await demoLogon(sim, 'RADIUS', 'wrong');
      assert.equal(response.status, 403);
      assert.equal(response.headers.get('set-cookie'), null);
    });

    it('answers an unknown method with the IIS 404 page and a GET on Logon with 405', async () => {
      const sim = await startSimulator();
      await assertIisPage(await demoLogon(sim, 'SAML'), 404);
      await assertIisPage(await fetch(url(sim, '/API/auth/CyberArk/Logon')), 405);
    });
  });

  describe('session tokens', () => {
    it('answers 401 PASWS006E without a token, with a Bearer prefix, or with an unknown token', async () => {
      const sim = await startSimulator();
      const token = await signIn(sim);
      for (const header of [undefined, `Bearer ${token}`, token.slice(1), '']) {
        const response = await getEvents(sim, header);
        assert.equal(response.status, 401);
        assert.deepEqual(await response.json(), SESSION_EXPIRED);
      }
    });

    it('stops every token on expireTokens, and a new logon works', async () => {
      const sim = await startSimulator();
      const tokens = [await signIn(sim), await signIn(sim)];
      sim.expireTokens();
      for (const token of tokens) assert.equal((await getEvents(sim, token)).status, 401);
      assert.equal((await getEvents(sim, await signIn(sim))).status, 200);
    });

    it('expires a token left idle longer than tokenIdleSeconds', async () => {
      const sim = await startSimulator({ tokenIdleSeconds: 0.1 });
      const token = await signIn(sim);
      await delay(250);
      const response = await getEvents(sim, token);
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), SESSION_EXPIRED);
    });

    it('restarts the idle clock on every use', async () => {
      const sim = await startSimulator({ tokenIdleSeconds: 0.6 });
      const token = await signIn(sim);
      for (let use = 0; use < 4; use++) {
        await delay(250);
        assert.equal((await getEvents(sim, token)).status, 200, `use ${use}`);
      }
    });

    it('logs off with 200 and an empty body, after which the token is refused', async () => {
      const sim = await startSimulator();
      const token = await signIn(sim);
      const other = await signIn(sim);
      const response = await fetch(url(sim, '/API/Auth/Logoff'), { method: 'POST', headers: { Authorization: token } });
      assert.equal(response.status, 200);
      assert.equal(await response.text(), '');
      assert.equal((await getEvents(sim, token)).status, 401);
      assert.equal((await getEvents(sim, other)).status, 200);
      const again = await fetch(url(sim, '/api/auth/logoff'), { method: 'POST', headers: { Authorization: token } });
      assert.equal(again.status, 401);
    });

    it('starts with no live tokens after a restart', async () => {
      const sim = await startSimulator();
      const token = await signIn(sim);
      await sim.stop();
      await sim.start();
      assert.equal((await getEvents(sim, token)).status, 401);
    });
  });

  describe('GET events', () => {
    it('answers every event, newest first, as JSON', async () => {
      const sim = await startSimulator();
      const response = await getEvents(sim, await signIn(sim));
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      const events = (await response.json()) as RawEvent[];
      assert.equal(events.length, 120);
      assert.deepEqual(events, sim.events());
      assert.deepEqual(
        events.map((event) => event.lastUpdateTime),
        [...events.map((event) => event.lastUpdateTime)].sort((a, b) => b - a),
      );
    });

    it('answers with and without the trailing slash, and matches the path without case', async () => {
      const sim = await startSimulator();
      const token = await signIn(sim);
      const expected = sim.events().map((event) => event.id);
      for (const variant of ['/PasswordVault/API/pta/API/Events/', '/PasswordVault/API/pta/API/Events', '/passwordvault/api/PTA/api/events/', '/PASSWORDVAULT/API/PTA/API/EVENTS']) {
        const response = await fetch(sim.baseUrl + variant, { headers: { Authorization: token } });
        assert.equal(response.status, 200, variant);
        assert.deepEqual(((await response.json()) as RawEvent[]).map((event) => event.id), expected, variant);
      }
    });

    it('answers the IIS 404 page for a wrong application path or an unknown path', async () => {
      const sim = await startSimulator();
      const token = await signIn(sim);
      for (const wrong of ['/PVWA/API/pta/API/Events/', '/API/pta/API/Events/', '/PasswordVaultX/API/pta/API/Events/', '/PasswordVault/API/pta/Events/', '/']) {
        const response = await fetch(sim.baseUrl + wrong, { headers: { Authorization: token } });
        await assertIisPage(response, 404);
      }
      const page = await (await fetch(`${sim.baseUrl}/PVWA/`)).text();
      assert.match(page, /404 - File or directory not found\./);
    });

    it('serves a renamed application path, or the site root', async () => {
      const renamed = await startSimulator({ appPath: '/PVWA/' });
      const logonPath = '/API/auth/CyberArk/Logon';
      const body = JSON.stringify({ username: DEMO_USERNAME, password: DEMO_PASSWORD });
      const post = (address: string) => fetch(address, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      assert.equal(renamed.appUrl, `${renamed.baseUrl}/PVWA`);
      assert.equal((await post(`${renamed.baseUrl}/pvwa${logonPath}`)).status, 200);
      assert.equal((await post(`${renamed.baseUrl}/PasswordVault${logonPath}`)).status, 404);
      const root = await startSimulator({ appPath: '/' });
      assert.equal((await post(root.baseUrl + logonPath)).status, 200);
    });

    it('filters by status without case', async () => {
      const sim = await startSimulator();
      const token = await signIn(sim);
      for (const [query, status] of [['?status=OPEN', 'OPEN'], ['?status=closed', 'CLOSED'], ['?Status=Closed', 'CLOSED']]) {
        const events = await eventsFrom(sim, token, query);
        const expected = sim.events().filter((event) => event.mStatus === status);
        assert.ok(expected.length > 0);
        assert.deepEqual(events.map((event) => event.id), expected.map((event) => event.id), query);
      }
      const bad = await getEvents(sim, token, '?status=RESOLVED');
      assert.equal(bad.status, 400);
      assert.match(String(((await bad.json()) as Json).ErrorCode), /^PASWS/);
    });

    it('filters by accountID: events where any audit has that account', async () => {
      const sim = await startSimulator();
      const token = await signIn(sim);
      const hasAccount = (event: RawEvent, accountId: string) => auditsOf(event).some((audit) => audit?.accountId === accountId);
      const accountIds = [...new Set(sim.events().flatMap((event) => auditsOf(event).map((audit) => audit?.accountId)))].filter(
        (id): id is string => typeof id === 'string',
      );
      const shared = accountIds.find((id) => sim.events().filter((event) => hasAccount(event, id)).length > 1);
      assert.ok(shared);
      const events = await eventsFrom(sim, token, `?accountID=${encodeURIComponent(shared)}`);
      assert.deepEqual(
        events.map((event) => event.id),
        sim.events().filter((event) => hasAccount(event, shared)).map((event) => event.id),
      );
      assert.deepEqual(await eventsFrom(sim, token, '?accountID=999_999'), []);
    });

    it('combines the filters', async () => {
      const sim = await startSimulator();
      const token = await signIn(sim);
      const from = NOW - 20 * DAY_MS;
      const events = await eventsFrom(sim, token, `?fromUpdateDate=${from}&status=OPEN`);
      const expected = sim.events().filter((event) => event.mStatus === 'OPEN' && event.lastUpdateTime >= from);
      assert.ok(expected.length > 0 && expected.length < sim.events().length);
      assert.deepEqual(events.map((event) => event.id), expected.map((event) => event.id));
    });

    describe('fromUpdateDate units', () => {
      let sim: PvwaSimulator;
      let token: string;
      let cutoffMs: number;
      let cutoffSeconds: number;

      const idsFrom = (ms: number) => sim.events().filter((event) => event.lastUpdateTime >= ms).map((event) => event.id);
      const ids = (events: RawEvent[]) => events.map((event) => event.id);

      beforeEach(async () => {
        sim = await startSimulator();
        token = await signIn(sim);
        cutoffMs = sim.events()[40].lastUpdateTime;
        cutoffSeconds = Math.floor(cutoffMs / 1000);
      });

      it("'auto' reads values below 10^11 as seconds and larger ones as milliseconds", async () => {
        assert.deepEqual(ids(await eventsFrom(sim, token, `?fromUpdateDate=${cutoffMs}`)), idsFrom(cutoffMs));
        assert.equal(idsFrom(cutoffMs).length, 41);
        assert.deepEqual(ids(await eventsFrom(sim, token, `?fromUpdateDate=${cutoffSeconds}`)), idsFrom(cutoffSeconds * 1000));
      });

      it("'milliseconds' returns more when sent seconds (a 1970 date)", async () => {
        sim.setTimestampUnit('milliseconds');
        assert.deepEqual(ids(await eventsFrom(sim, token, `?fromUpdateDate=${cutoffMs}`)), idsFrom(cutoffMs));
        assert.equal((await eventsFrom(sim, token, `?fromUpdateDate=${cutoffSeconds}`)).length, 120);
      });

      it("'seconds' returns nothing when sent milliseconds (a far-future date)", async () => {
        sim.setTimestampUnit('seconds');
        assert.deepEqual(ids(await eventsFrom(sim, token, `?fromUpdateDate=${cutoffSeconds}`)), idsFrom(cutoffSeconds * 1000));
        assert.deepEqual(await eventsFrom(sim, token, `?fromUpdateDate=${cutoffMs}`), []);
      });

      it('takes the unit from the options', async () => {
        const secondsOnly = await startSimulator({ timestampUnit: 'seconds' });
        assert.deepEqual(await eventsFrom(secondsOnly, await signIn(secondsOnly), `?fromUpdateDate=${cutoffMs}`), []);
      });

      it('reads the legacy lastUpdatedEventDate header as the same filter', async () => {
        const events = await eventsFrom(sim, token, '', { lastUpdatedEventDate: String(cutoffMs) });
        assert.deepEqual(ids(events), idsFrom(cutoffMs));
        sim.setTimestampUnit('seconds');
        assert.deepEqual(await eventsFrom(sim, token, '', { lastUpdatedEventDate: String(cutoffMs) }), []);
      });

      it('answers 400 with a CyberArk error for a malformed value', async () => {
        for (const value of ['yesterday', '1.5', '-5', '2025-01-01']) {
          const response = await getEvents(sim, token, `?fromUpdateDate=${encodeURIComponent(value)}`);
          assert.equal(response.status, 400, value);
          const body = (await response.json()) as Json;
          assert.match(String(body.ErrorCode), /^PASWS/);
          assert.match(String(body.ErrorMessage), /fromUpdateDate/);
        }
      });
    });
  });

  describe('PATCH an event', () => {
    let sim: PvwaSimulator;
    let token: string;
    let open: RawEvent;

    beforeEach(async () => {
      sim = await startSimulator();
      token = await signIn(sim);
      open = sim.events().find((event) => event.mStatus === 'OPEN' && auditsOf(event).length > 0)!;
    });

    it('closes an event and answers the whole updated event, which moves to the top', async () => {
      const before = Date.now();
      const response = await patchEvent(sim, token, open.id, { mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: 'Checked with the owner' });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      const updated = (await response.json()) as RawEvent;
      assert.deepEqual({ ...updated, lastUpdateTime: 0 }, { ...open, mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: 'Checked with the owner', lastUpdateTime: 0 });
      assert.ok(updated.lastUpdateTime >= before);
      assert.deepEqual(sim.getEvent(open.id), updated);
      assert.equal((await eventsFrom(sim, token))[0].id, open.id);
    });

    it('compares status and reason without case and stores them in upper case', async () => {
      const updated = (await (await patchEvent(sim, token, open.id, { mStatus: 'closed', closeReason: 'notReal' })).json()) as RawEvent;
      assert.equal(updated.mStatus, 'CLOSED');
      assert.equal(updated.closeReason, 'NOTREAL');
    });

    it('reopens an event with closeReason NONE', async () => {
      await patchEvent(sim, token, open.id, { mStatus: 'CLOSED', closeReason: 'OTHER', reasonText: 'x' });
      const response = await patchEvent(sim, token, open.id, { mStatus: 'OPEN', closeReason: 'NONE' });
      assert.equal(response.status, 200);
      const reopened = (await response.json()) as RawEvent;
      assert.equal(reopened.mStatus, 'OPEN');
      assert.equal(reopened.closeReason, 'NONE');
      assert.equal(sim.getEvent(open.id)?.mStatus, 'OPEN');
    });

    it('accepts a reasonText of exactly 100 UTF-16 code units', async () => {
      for (const reasonText of ['x'.repeat(100), '😀'.repeat(50)]) {
        const response = await patchEvent(sim, token, open.id, { mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText });
        assert.equal(response.status, 200);
        assert.equal(((await response.json()) as Json).reasonText, reasonText);
      }
    });

    const refusals: Array<[string, unknown]> = [
      ['a reasonText of 101 characters', { mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: 'x'.repeat(101) }],
      ['a reasonText of 51 code points but 101 code units', { mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: '😀'.repeat(50) + 'x' }],
      ['a reasonText that is not a string', { mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: 42 }],
      ['an unknown closeReason', { mStatus: 'CLOSED', closeReason: 'FIXED' }],
      ['a missing mStatus', { closeReason: 'HANDLED', reasonText: 'x' }],
      ['an unknown mStatus', { mStatus: 'RESOLVED' }],
      ['an mStatus that is not a string', { mStatus: true }],
      ['a body that is not JSON', '{"mStatus": "CLOSED",'],
      ['a JSON array', [{ mStatus: 'CLOSED' }]],
      ['an empty body', ''],
    ];
    for (const [what, body] of refusals) {
      it(`refuses ${what} with 400 and changes nothing`, async () => {
        const response = await patchEvent(sim, token, open.id, body);
        assert.equal(response.status, 400);
        const error = (await response.json()) as Json;
        assert.match(String(error.ErrorCode), /^PASWS/);
        assert.ok(String(error.ErrorMessage).length > 0);
        assert.deepEqual(sim.getEvent(open.id), open);
      });
    }

    it('answers 404 with a CyberArk error for an unknown id', async () => {
      const response = await patchEvent(sim, token, 'ffffffffffffffffffffffff', { mStatus: 'CLOSED', closeReason: 'HANDLED' });
      assert.equal(response.status, 404);
      const error = (await response.json()) as Json;
      assert.match(String(error.ErrorCode), /^PASWS/);
      assert.match(String(error.ErrorMessage), /ffffffffffffffffffffffff/);
    });

    it('needs a live token', async () => {
      const response = await patchEvent(sim, undefined, open.id, { mStatus: 'CLOSED' });
      assert.equal(response.status, 401);
      assert.deepEqual(await response.json(), SESSION_EXPIRED);
      assert.deepEqual(sim.getEvent(open.id), open);
    });
  });

  describe('faults', () => {
    let sim: PvwaSimulator;
    let token: string;

    beforeEach(async () => {
      sim = await startSimulator();
      token = await signIn(sim);
    });

    it('latency delays the answer, which then arrives normally', async () => {
      sim.inject({ kind: 'latency', ms: 300 });
      const started = Date.now();
      const events = await eventsFrom(sim, token);
      assert.ok(Date.now() - started >= 290);
      assert.equal(events.length, 120);
    });

    it('reset sends a 200 with part of the body, then cuts the connection', async () => {
      sim.inject({ kind: 'reset' });
      await assert.rejects(async () => {
        const response = await getEvents(sim, token);
        assert.equal(response.status, 200);
        await response.text();
      }, /Premature close|ECONNRESET|socket hang up|aborted/);
      assert.equal(sim.requests.at(-1)?.status, 200);
      assert.equal((await getEvents(sim, token)).status, 200);
    });

    for (const status of [404, 500, 502, 503] as const) {
      it(`html answers the IIS ${status} page`, async () => {
        sim.inject({ kind: 'html', status });
        await assertIisPage(await getEvents(sim, token), status);
      });
    }

    it('afterApplying carries the change out, then answers with the fault', async () => {
      const open = sim.events().find((event) => event.mStatus === 'OPEN')!;
      sim.inject({ kind: 'invalidJson' }, { method: 'PATCH', afterApplying: true });
      const response = await patchEvent(sim, token, open.id, { mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: 'done' });
      assert.equal(response.status, 200);
      const text = await response.text();
      assert.throws(() => JSON.parse(text), SyntaxError);
      assert.equal(sim.getEvent(open.id)?.mStatus, 'CLOSED', 'the change was applied');

      const other = sim.events().find((event) => event.mStatus === 'OPEN')!;
      sim.inject({ kind: 'invalidJson' }, { method: 'PATCH' });
      await (await patchEvent(sim, token, other.id, { mStatus: 'CLOSED', closeReason: 'HANDLED' })).text();
      assert.equal(sim.getEvent(other.id)?.mStatus, 'OPEN', 'without it, the fault replaces the request');
    });

    it('returns a record without an update time whatever fromUpdateDate asks', async () => {
      const timeless: Record<string, unknown> = { ...sim.events()[0], id: 'ffffffffffffffffffffff09' };
      delete timeless.lastUpdateTime;
      sim.upsertEvent(timeless as RawEvent);
      const events = await eventsFrom(sim, token, `?fromUpdateDate=${Math.floor(NOW / 1000) + 86_400}`);
      assert.deepEqual(events.map((e) => e.id), ['ffffffffffffffffffffff09']);
    });

    it('invalidJson answers 200 with a body no JSON parser accepts', async () => {
      sim.inject({ kind: 'invalidJson' });
      const response = await getEvents(sim, token);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      const text = await response.text();
      assert.ok(text.length > 0);
      assert.throws(() => JSON.parse(text), SyntaxError);
    });

    it('truncatedJson answers a complete response whose JSON stops halfway', async () => {
      sim.inject({ kind: 'truncatedJson' });
      const response = await getEvents(sim, token);
      assert.equal(response.status, 200);
      const text = await response.text();
      assert.ok(text.length > 100);
      assert.throws(() => JSON.parse(text), SyntaxError);
      assert.ok(JSON.stringify(sim.events()).startsWith(text));
    });

    it('emptyBody answers no body, with 200 unless told otherwise', async () => {
      sim.inject({ kind: 'emptyBody' });
      sim.inject({ kind: 'emptyBody', status: 502 });
      for (const status of [200, 502]) {
        const response = await getEvents(sim, token);
        assert.equal(response.status, status);
        assert.equal(await response.text(), '');
      }
    });

    it('error answers the CyberArk error body with the given status', async () => {
      sim.inject({ kind: 'error', status: 500, code: 'PASWS999E', message: 'Vault is unreachable.' });
      const response = await getEvents(sim, token);
      assert.equal(response.status, 500);
      assert.deepEqual(await response.json(), { ErrorCode: 'PASWS999E', ErrorMessage: 'Vault is unreachable.', Details: null });
    });

    it('huge answers a valid JSON array of events of about the requested size', async function () {
      this.timeout(20_000);
      sim.inject({ kind: 'huge', bytes: 3_000_000 });
      const text = await (await getEvents(sim, token)).text();
      assert.ok(Buffer.byteLength(text) >= 3_000_000 && Buffer.byteLength(text) < 3_100_000, `${text.length} bytes`);
      const events = JSON.parse(text) as RawEvent[];
      assert.ok(Array.isArray(events) && events.length > 100);
      assert.ok(events.every((event) => /^[0-9a-f]{24}$/.test(event.id)));
    });

    it('applies a fault only to requests matching its method and path, in queue order', async () => {
      sim.inject({ kind: 'error', status: 500, code: 'PASWS901E', message: 'patch only' }, { method: 'patch' });
      sim.inject({ kind: 'html', status: 502 }, { pathIncludes: 'LOGON' });
      sim.inject({ kind: 'html', status: 503 }, { pathIncludes: '/api/pta/' });
      sim.inject({ kind: 'html', status: 500 }, { pathIncludes: '/api/pta/' });
      assert.equal((await getEvents(sim, token)).status, 503);
      assert.equal((await getEvents(sim, token)).status, 500);
      assert.equal((await getEvents(sim, token)).status, 200);
      assert.equal((await demoLogon(sim)).status, 502);
      const id = sim.events()[0].id;
      assert.equal((await patchEvent(sim, token, id, { mStatus: 'CLOSED' })).status, 500);
      assert.equal((await patchEvent(sim, token, id, { mStatus: 'CLOSED' })).status, 200);
    });

    it('applies a fault the given number of times, or until cleared', async () => {
      sim.inject({ kind: 'html', status: 503 }, { times: 2 });
      assert.equal((await getEvents(sim, token)).status, 503);
      assert.equal((await getEvents(sim, token)).status, 503);
      assert.equal((await getEvents(sim, token)).status, 200);
      sim.inject({ kind: 'html', status: 502 }, { times: Infinity });
      for (let attempt = 0; attempt < 5; attempt++) assert.equal((await getEvents(sim, token)).status, 502);
      sim.clearFaults();
      assert.equal((await getEvents(sim, token)).status, 200);
      assert.throws(() => sim.inject({ kind: 'reset' }, { times: 0 }), RangeError);
    });
  });

  describe('recording and data access', () => {
    it('records every request in order, faulted ones included', async () => {
      const sim = await startSimulator();
      const before = Date.now();
      const token = await signIn(sim);
      sim.inject({ kind: 'html', status: 503 });
      await getEvents(sim, token, '?status=OPEN&accountID=27_3', { headers: { 'X-Custom': 'yes' } });
      await patchEvent(sim, token, 'nope', '{broken');
      assert.deepEqual(
        sim.requests.map(({ method, path, query, body, status }) => ({ method, path, query, body, status })),
        [
          { method: 'POST', path: '/PasswordVault/API/auth/CyberArk/Logon', query: {}, body: { username: DEMO_USERNAME, password: DEMO_PASSWORD, concurrentSession: true }, status: 200 },
          { method: 'GET', path: '/PasswordVault/API/pta/API/Events/', query: { status: 'OPEN', accountID: '27_3' }, body: undefined, status: 503 },
          { method: 'PATCH', path: '/PasswordVault/API/pta/API/Events/nope', query: {}, body: '{broken', status: 404 },
        ],
      );
      assert.equal(sim.requests[1].headers.authorization, token);
      assert.equal(sim.requests[1].headers['x-custom'], 'yes');
      assert.ok(sim.requests.every((request) => request.at >= before && request.at <= Date.now()));
      sim.clearRequests();
      assert.deepEqual(sim.requests, []);
    });

    it('makes upserted events appear, replaced ones change, and setEvents replace everything', async () => {
      const sim = await startSimulator();
      const token = await signIn(sim);
      const original = sim.events()[0].id;
      const fresh: RawEvent = { id: 'a'.repeat(24), lastUpdateTime: Date.now(), mStatus: 'OPEN', type: 'GoldenTicket', score: 90 };
      sim.upsertEvent(fresh);
      assert.deepEqual((await eventsFrom(sim, token))[0], fresh);
      sim.upsertEvent({ ...fresh, score: 10 });
      assert.equal(sim.getEvent(fresh.id)?.score, 10);
      assert.equal(sim.events().length, 121);
      sim.setEvents([fresh]);
      assert.deepEqual(await eventsFrom(sim, token), [fresh]);
      assert.equal(sim.getEvent(original), undefined);
    });

    it('hands out copies of the event list, newest first', async () => {
      const sim = await startSimulator({ events: generateEvents({ count: 30, now: NOW }).reverse() });
      const list = sim.events();
      assert.ok(list.every((event, index) => index === 0 || list[index - 1].lastUpdateTime >= event.lastUpdateTime));
      list.length = 0;
      assert.equal(sim.events().length, 30);
    });

    it('starts with 200 generated events by default', async () => {
      const sim = new PvwaSimulator();
      running.push(sim);
      assert.match(await sim.start(), /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(sim.events().length, 200);
    });
  });

  describe('stopping', () => {
    it('stops promptly with keep-alive connections open, and then refuses connections', async () => {
      const sim = await startSimulator();
      const agent = new Agent({ keepAlive: true });
      const token = await signIn(sim);
      await (await getEvents(sim, token, '', { agent })).text();
      await sim.stop();
      // The kept-alive socket either hangs up or was already dropped; a new connection is refused.
      await assert.rejects(getEvents(sim, token, '', { agent }), /ECONNREFUSED|socket hang up|ECONNRESET/);
      await assert.rejects(getEvents(sim, token, '', { agent: new Agent({ keepAlive: false }) }), /ECONNREFUSED/);
      agent.destroy();
    });

    it('stops promptly while an answer is delayed', async () => {
      const sim = await startSimulator();
      const token = await signIn(sim);
      sim.inject({ kind: 'latency', ms: 60_000 });
      const pending = getEvents(sim, token);
      while (sim.requests.length < 2) await delay(5);
      await sim.stop();
      await assert.rejects(pending);
    });
  });

  describe('command line', () => {
    const cli = path.join(__dirname, '..', 'simulator', 'cli.js');

    it('prints the address and demo credentials, serves the vault, and exits cleanly on SIGINT', async function () {
      this.timeout(20_000);
      const child = spawn(process.execPath, [cli, '--port', '0', '--events', '7', '--seed', '3', '--app-path', '/PVWA', '--unit', 'seconds']);
      try {
        const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
        const appUrl = /(http:\/\/127\.0\.0\.1:\d+\/PVWA)\b/.exec(line)?.[1];
        assert.ok(appUrl, line);
        for (const text of [DEMO_USERNAME, DEMO_PASSWORD, DEMO_RADIUS_ANSWER]) assert.ok(line.includes(text), line);
        const logonResponse = await fetch(`${appUrl}/API/auth/CyberArk/Logon`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: DEMO_USERNAME, password: DEMO_PASSWORD }),
        });
        const token = (await logonResponse.json()) as string;
        const events = (await (await fetch(`${appUrl}/API/pta/API/Events/`, { headers: { Authorization: token } })).json()) as RawEvent[];
        assert.deepEqual(events, JSON.parse(JSON.stringify(events)));
        assert.equal(events.length, 7);
        const exited = once(child, 'exit');
        child.kill('SIGINT');
        assert.deepEqual(await exited, [0, null]);
      } finally {
        child.kill('SIGKILL');
      }
    });

    it('refuses an unknown option with usage and exit code 2', async function () {
      this.timeout(20_000);
      const child = spawn(process.execPath, [cli, '--colour', 'blue']);
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      assert.deepEqual(await once(child, 'exit'), [2, null]);
      assert.match(stderr, /unknown option --colour/);
      assert.match(stderr, /Usage:/);
    });
  });
});
