import assert from 'node:assert/strict';
import { parseVaultAddress } from '../../src/api/baseUrl';
import { PvwaClient } from '../../src/api/pvwaClient';
import { PasswordStore } from '../../src/auth/passwordStore';
import { PvwaError } from '../../src/api/errors';
import { Session, SessionPrompts, SignInTarget } from '../../src/auth/session';
import { DEMO_PASSWORD, DEMO_RADIUS_ANSWER, DEMO_USERNAME, PvwaSimulator } from '../simulator/server';

/** An in-memory stand-in for SecretStorage behind the real PasswordStore. */
function memorySecrets() {
  const map = new Map<string, string>();
  return {
    map,
    store: new PasswordStore(
      {
        get: async (k: string) => map.get(k),
        store: async (k: string, v: string) => void map.set(k, v),
        delete: async (k: string) => void map.delete(k),
        keys: async () => [...map.keys()],
        onDidChange: () => ({ dispose() {} }),
      } as never,
      () => undefined,
    ),
  };
}

describe('Session against the simulator', () => {
  let sim: PvwaSimulator;
  let asked: string[];
  let logged: string[];

  beforeEach(async () => {
    sim = new PvwaSimulator({ radiusChallengeRounds: 2 });
    await sim.start();
    asked = [];
    logged = [];
  });

  afterEach(() => sim.stop());

  function session(answers: Partial<Record<'password' | 'challenge', string | undefined>>, secrets = memorySecrets(), remember = true) {
    const prompts: SessionPrompts = {
      password: async () => (asked.push('password'), answers.password),
      challenge: async (message) => (asked.push(`challenge: ${message}`), answers.challenge),
    };
    const s = new Session({
      passwords: secrets.store,
      prompts,
      log: { addSecret() {}, removeSecret() {}, info: (m) => logged.push(m), warn: (m) => logged.push(m) },
      createClient: (address) => new PvwaClient({ address, timeoutSeconds: 5 }),
      rememberPassword: () => remember,
    });
    const changes: boolean[] = [];
    const refusals: PvwaError[] = [];
    s.onDidChange((signedIn) => changes.push(signedIn));
    s.onDidRefuseRenewal((error) => refusals.push(error));
    return { s, secrets, changes, refusals };
  }

  const logons = () => sim.requests.filter((r) => r.path.endsWith('/Logon'));
  const logoffs = () => sim.requests.filter((r) => r.path.endsWith('/Logoff'));
  const eventGets = () => sim.requests.filter((r) => r.method === 'GET');

  const target = (method: SignInTarget['method'] = 'CyberArk'): SignInTarget => ({ address: parseVaultAddress(sim.baseUrl), username: DEMO_USERNAME, method });

  it('asks for the password, signs in, and keeps it only when remembering', async () => {
    const { s, secrets } = session({ password: DEMO_PASSWORD });
    assert.equal(await s.signIn(target()), true);
    assert.deepEqual(asked, ['password']);
    assert.deepEqual([...secrets.map.values()], [DEMO_PASSWORD]);
    const forgetful = session({ password: DEMO_PASSWORD }, memorySecrets(), false);
    assert.equal(await forgetful.s.signIn(target()), true);
    assert.equal(forgetful.secrets.map.size, 0);
  });

  it('resolves false and sends nothing when the password prompt is cancelled', async () => {
    const { s } = session({ password: undefined });
    assert.equal(await s.signIn(target()), false);
    assert.equal(sim.requests.length, 0);
    assert.equal(s.isSignedIn, false);
  });

  it('walks a two-round RADIUS challenge, showing each vault message', async () => {
    const { s } = session({ password: DEMO_PASSWORD, challenge: DEMO_RADIUS_ANSWER });
    assert.equal(await s.signIn(target('RADIUS')), true);
    assert.equal(asked.filter((a) => a.startsWith('challenge')).length, 2);
    assert.equal(sim.requests.filter((r) => r.path.endsWith('/Logon')).length, 3);
  });

  it('says plainly that a wrong RADIUS one-time code was refused', async () => {
    const { s } = session({ password: DEMO_PASSWORD, challenge: '000000' });
    await assert.rejects(s.signIn(target('RADIUS')), (error: Error) => /^The vault refused the one-time code: /.test(error.message));
    assert.equal(s.isSignedIn, false);
  });

  it('renews an expired token once with the stored password and retries the call', async () => {
    const { s } = session({ password: DEMO_PASSWORD });
    await s.signIn(target());
    sim.expireTokens();
    const events = await s.call((c, t) => c.getEvents(t));
    assert.ok(events.length > 0);
    assert.deepEqual(asked, ['password'], 'nothing asked again');
    assert.deepEqual(sim.requests.map((r) => r.status), [200, 401, 200, 200]);
  });

  it('shares one renewal between parallel calls', async () => {
    const { s } = session({ password: DEMO_PASSWORD });
    await s.signIn(target());
    sim.expireTokens();
    await Promise.all([s.call((c, t) => c.getEvents(t)), s.call((c, t) => c.getEvents(t)), s.call((c, t) => c.getEvents(t))]);
    assert.equal(sim.requests.filter((r) => r.path.endsWith('/Logon')).length, 2);
  });

  it('never retries a refused logon: a wrong stored password is forgotten and the error surfaces', async () => {
    const secrets = memorySecrets();
    const { s } = session({}, secrets);
    await secrets.store.store(`${sim.baseUrl}/PasswordVault`, DEMO_USERNAME, 'stale');
    await assert.rejects(s.signIn(target()), /PASWS013E/);
    assert.equal(sim.requests.length, 1);
    assert.equal(secrets.map.size, 0);
  });

  it('a sign-out during a renewal does not bring the session back, and the token the renewal got is logged off', async () => {
    const { s, changes } = session({ password: DEMO_PASSWORD });
    await s.signIn(target());
    sim.expireTokens();
    sim.inject({ kind: 'latency', ms: 300 }, { method: 'POST', pathIncludes: '/Logon' });
    const call = s.call((c, t) => c.getEvents(t));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await s.signOut();
    await assert.rejects(call, /signed out/);
    assert.equal(s.isSignedIn, false);
    assert.deepEqual(changes, [true, false]);
    assert.equal(eventGets().length, 1, 'the call is not retried after sign-out');
    const renewedLogoff = logoffs().at(-1)!;
    assert.equal(logoffs().length, 2);
    assert.equal(renewedLogoff.status, 200, 'the renewed token was live, and is now logged off');
    assert.notEqual(renewedLogoff.headers.authorization, logoffs()[0].headers.authorization);
  });

  it('a refused renewal forgets the stored password, signs out, says so, and never sends that password again', async () => {
    const { s, secrets, changes, refusals } = session({ password: DEMO_PASSWORD });
    await s.signIn(target());
    assert.equal(secrets.map.size, 1);
    sim.expireTokens();
    sim.inject({ kind: 'error', status: 403, code: 'PASWS013E', message: 'Authentication failure for User [analyst].' }, { method: 'POST', pathIncludes: '/Logon' });
    const calls = [1, 2, 3].map(() => s.call((c, t) => c.getEvents(t)));
    const outcomes = await Promise.allSettled(calls);
    const errors = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as PvwaError) : undefined));
    assert.ok(errors.every((e) => e instanceof PvwaError), 'every call fails');
    assert.ok(errors.some((e) => e?.kind === 'auth'), 'with the refusal');
    assert.equal(logons().length, 2, 'one renewal for the three calls');
    assert.equal(s.isSignedIn, false);
    assert.equal(secrets.map.size, 0);
    assert.deepEqual(changes, [true, false]);
    assert.equal(refusals.length, 1);
    assert.match(refusals[0].message, /PASWS013E/);
    await assert.rejects(s.call((c, t) => c.getEvents(t)), /signed out/);
    assert.equal(logons().length, 2, 'nothing sent from this window');
    asked.length = 0;
    await s.signIn(target());
    assert.deepEqual(asked, ['password'], 'the next sign-in asks: the refused password is gone');
  });

  it('a network failure during renewal keeps the session, and the next call renews again', async () => {
    const { s, secrets, changes, refusals } = session({ password: DEMO_PASSWORD });
    await s.signIn(target());
    sim.expireTokens();
    sim.inject({ kind: 'reset' }, { method: 'POST', pathIncludes: '/Logon' });
    await assert.rejects(s.call((c, t) => c.getEvents(t)), (e: PvwaError) => e.kind === 'network');
    assert.equal(s.isSignedIn, true);
    assert.deepEqual(changes, [true]);
    assert.deepEqual(refusals, []);
    assert.equal(secrets.map.size, 1, 'the password is kept');
    const events = await s.call((c, t) => c.getEvents(t));
    assert.ok(events.length > 0);
    assert.equal(logons().length, 3);
  });

  for (const [what, fault] of [
    ['HTTP 503 from an app-pool recycle', { kind: 'html', status: 503 }],
    ['HTTP 502 from a load balancer', { kind: 'html', status: 502 }],
    ['an HTML page with status 200', { kind: 'html', status: 200 }],
    ['an unreadable answer', { kind: 'invalidJson' }],
    ['an HTML 403 from a proxy (no CyberArk code)', { kind: 'html', status: 403 }],
  ] as const) {
    it(`a renewal answered with ${what} keeps the session and the password, says what happened, and the next call renews`, async () => {
      const { s, secrets, changes, refusals } = session({ password: DEMO_PASSWORD });
      await s.signIn(target());
      sim.expireTokens();
      sim.inject(fault, { method: 'POST', pathIncludes: '/Logon' });
      await assert.rejects(s.call((c, t) => c.getEvents(t)), (e: PvwaError) => /^Renewing the expired PVWA session failed: .*You are still signed in/.test(e.message));
      assert.equal(s.isSignedIn, true);
      assert.deepEqual(changes, [true]);
      assert.deepEqual(refusals, []);
      assert.equal(secrets.map.size, 1, 'the password is kept');
      assert.ok((await s.call((c, t) => c.getEvents(t))).length > 0, 'the vault recovered: signed in again by itself');
    });
  }

  it('a mistyped RADIUS one-time code never deletes the stored password', async () => {
    const secrets = memorySecrets();
    await secrets.store.store(`${sim.baseUrl}/PasswordVault`, DEMO_USERNAME, DEMO_PASSWORD);
    const { s } = session({ challenge: '000000' }, secrets);
    await assert.rejects(s.signIn(target('RADIUS')), /one-time code/);
    assert.equal(secrets.map.size, 1, 'the password was right; only the code was refused');
  });

  it('signing in while signed in logs the old session off first', async () => {
    const { s, changes } = session({ password: DEMO_PASSWORD });
    await s.signIn(target());
    await s.signIn(target(), DEMO_PASSWORD);
    const order = sim.requests.map((r) => `${r.path.split('/').at(-1)} ${r.status}`);
    assert.deepEqual(order, ['Logon 200', 'Logoff 200', 'Logon 200']);
    assert.deepEqual(changes, [true, false, true]);
    assert.ok((await s.call((c, t) => c.getEvents(t))).length > 0);
  });

  it('a cancelled sign-in while signed in keeps the session', async () => {
    const { s } = session({ password: undefined }, memorySecrets(), false);
    await s.signIn(target(), DEMO_PASSWORD);
    assert.equal(await s.signIn(target()), false);
    assert.equal(s.isSignedIn, true);
    assert.equal(logoffs().length, 0);
  });

  it('signs out with Logoff and drops the token', async () => {
    const { s } = session({ password: DEMO_PASSWORD });
    await s.signIn(target());
    await s.signOut();
    assert.equal(s.isSignedIn, false);
    assert.ok(sim.requests.some((r) => r.path.endsWith('/Logoff')));
    await assert.rejects(s.call((c, t) => c.getEvents(t)), /signed out/);
  });
});
