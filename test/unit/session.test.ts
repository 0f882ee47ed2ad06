import assert from 'node:assert/strict';
import { parseVaultAddress } from '../../src/api/baseUrl';
import { PvwaClient } from '../../src/api/pvwaClient';
import { PasswordStore } from '../../src/auth/passwordStore';
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
    return { s, secrets };
  }

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

  it('signs out with Logoff and drops the token', async () => {
    const { s } = session({ password: DEMO_PASSWORD });
    await s.signIn(target());
    await s.signOut();
    assert.equal(s.isSignedIn, false);
    assert.ok(sim.requests.some((r) => r.path.endsWith('/Logoff')));
    await assert.rejects(s.call((c, t) => c.getEvents(t)), /signed out/);
  });
});
