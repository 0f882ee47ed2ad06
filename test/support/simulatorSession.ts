import { parseVaultAddress } from '../../src/api/baseUrl';
import { PvwaClient } from '../../src/api/pvwaClient';
import { key, PasswordStore } from '../../src/auth/passwordStore';
import { Session } from '../../src/auth/session';
import { DEMO_PASSWORD, DEMO_USERNAME, PvwaSimulator } from '../simulator/server';

export interface SimulatorSession {
  readonly session: Session;
  /** Replaces the kept password, e.g. with a wrong one so that renewing the session is refused. */
  setStoredPassword(password: string): void;
}

/**
 * A real Session signed in to the simulator as the demo user, its password kept in memory
 * (as in the OS keyring), so an expired session renews without asking.
 */
export async function signedInSession(sim: PvwaSimulator, timeoutSeconds = 10): Promise<SimulatorSession> {
  const secrets = new Map<string, string>();
  const passwords = new PasswordStore(
    {
      get: async (k: string) => secrets.get(k),
      store: async (k: string, v: string) => void secrets.set(k, v),
      delete: async (k: string) => void secrets.delete(k),
      keys: async () => [...secrets.keys()],
      onDidChange: () => ({ dispose() {} }),
    } as never,
    () => undefined,
  );
  const address = parseVaultAddress(sim.baseUrl);
  const session = new Session({
    passwords,
    prompts: { password: async () => undefined, challenge: async () => undefined },
    log: { addSecret() {}, removeSecret() {}, info() {}, warn() {} },
    createClient: (vault) => new PvwaClient({ address: vault, timeoutSeconds }),
    rememberPassword: () => true,
  });
  if (!(await session.signIn({ address, username: DEMO_USERNAME, method: 'CyberArk' }, DEMO_PASSWORD))) {
    throw new Error('could not sign in to the simulator');
  }
  return { session, setStoredPassword: (password) => secrets.set(key(address.appUrl, DEMO_USERNAME), password) };
}
