import { VaultAddress } from '../api/baseUrl';
import { ChallengeRefusedError, describeError, isPasswordRefusal, PvwaError, RenewalFailedError } from '../api/errors';
import { AuthMethod, PvwaClient } from '../api/pvwaClient';
import { Emitter } from '../util/emitter';
import { PasswordStore } from './passwordStore';

export interface SignInTarget {
  readonly address: VaultAddress;
  readonly username: string;
  readonly method: AuthMethod;
  /** The vault's name as configured, for prompts when several vaults share a host. */
  readonly vaultName?: string;
}

/** The questions sign-in may need to ask a person; each answers undefined when cancelled. */
export interface SessionPrompts {
  password(target: SignInTarget, reason?: string): Thenable<string | undefined>;
  /** `again`: the vault challenged anew after an answer, so the previous code was refused. */
  challenge(message: string, again: boolean): Thenable<string | undefined>;
}

export interface SecretLog {
  addSecret(secret: string): void;
  removeSecret(secret: string): void;
  info(message: string): void;
  warn(message: string): void;
}

interface ActiveSession {
  readonly target: SignInTarget;
  readonly client: PvwaClient;
  token: string;
}

export interface SessionDeps {
  passwords: PasswordStore;
  prompts: SessionPrompts;
  log: SecretLog;
  createClient(address: VaultAddress): PvwaClient;
  rememberPassword(): boolean;
}

/**
 * The signed-in session: the token lives here, in memory only. A call refused as expired
 * signs in again once with the stored password (or asks for it) and is retried once; a
 * refused logon is never retried automatically, because vaults suspend users after a few.
 * Only a refused password (isPasswordRefusal) ends the session and forgets the stored password; a
 * renewal that fails for any other reason (a PVWA app-pool recycle answering 503, an HTML page, a
 * mistyped one-time code) keeps both, and the next call tries again.
 */
export class Session {
  private active: ActiveSession | undefined;
  private generationValue = 0;
  private renewal: Promise<string> | undefined;
  private readonly changeEmitter = new Emitter<boolean>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly refusalEmitter = new Emitter<PvwaError>();
  /**
   * A renewal's logon was refused: the stored password is forgotten and the session signed out
   * (onDidChange fires false first). The error's message is safe to show.
   */
  readonly onDidRefuseRenewal = this.refusalEmitter.event;

  constructor(private readonly deps: SessionDeps) {}

  get isSignedIn(): boolean {
    return this.active !== undefined;
  }

  /**
   * Changes at every sign-in and sign-out (not at a renewal): an answer to a call made under one
   * value must not reach the list once it has changed.
   */
  get generation(): number {
    return this.generationValue;
  }

  get target(): SignInTarget | undefined {
    return this.active?.target;
  }

  /**
   * Signs in with the given password, else the stored one, else asks. Resolves false when the
   * person cancelled (a session already open stays); throws a PvwaError when the vault refused.
   * A session already open is logged off before the new logon.
   */
  async signIn(target: SignInTarget, password?: string): Promise<boolean> {
    const { passwords, prompts, log } = this.deps;
    const stored = password === undefined ? await passwords.get(target.address.appUrl, target.username) : undefined;
    const secret = password ?? stored ?? (await prompts.password(target));
    if (!secret) return false;
    if (this.active) await this.signOut();
    log.addSecret(secret);
    const client = this.deps.createClient(target.address);
    let token: string | undefined;
    try {
      token = await this.logon(client, target, secret);
    } catch (error) {
      client.dispose();
      if (stored && isPasswordRefusal(error)) {
        await passwords.delete(target.address.appUrl, target.username);
        log.info('The stored password was refused and has been forgotten.');
      }
      throw error;
    }
    if (!token) {
      client.dispose();
      return false;
    }
    // Another sign-in finished while this one ran.
    if (this.active) await this.signOut();
    this.active = { target, client, token };
    this.generationValue++;
    if (this.deps.rememberPassword()) {
      if (secret !== stored) await passwords.store(target.address.appUrl, target.username, secret);
    } else if (stored) {
      await passwords.delete(target.address.appUrl, target.username);
    }
    log.info(`Signed in to ${target.address.appUrl} as ${target.username} (${target.method}).`);
    this.changeEmitter.fire(true);
    return true;
  }

  /** Runs a vault call with the session's token, renewing the session once if it expired. */
  async call<T>(fn: (client: PvwaClient, token: string) => Promise<T>): Promise<T> {
    const active = this.requireActive();
    const tokenUsed = active.token;
    try {
      return await fn(active.client, tokenUsed);
    } catch (error) {
      if (!(error instanceof PvwaError) || error.kind !== 'sessionExpired' || this.active !== active) throw error;
      // A parallel call may already have renewed it.
      const token = active.token !== tokenUsed ? active.token : await this.renew(active);
      if (this.active !== active) throw signedOut();
      return fn(active.client, token);
    }
  }

  /** Logs off (within `timeoutMs`, best effort), drops the token, and optionally the stored password. */
  async signOut(options: { forgetPassword?: boolean; timeoutMs?: number } = {}): Promise<void> {
    const active = this.active;
    if (!active) return;
    this.drop();
    await this.logoff(active.client, active.token, options.timeoutMs);
    active.client.dispose();
    if (options.forgetPassword) {
      await this.deps.passwords.delete(active.target.address.appUrl, active.target.username);
    }
    this.deps.log.info('Signed out.');
    this.changeEmitter.fire(false);
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.refusalEmitter.dispose();
  }

  private requireActive(): ActiveSession {
    if (!this.active) throw signedOut();
    return this.active;
  }

  private renew(active: ActiveSession): Promise<string> {
    this.renewal ??= this.signInAgain(active).finally(() => {
      this.renewal = undefined;
    });
    return this.renewal;
  }

  private async signInAgain(active: ActiveSession): Promise<string> {
    const { passwords, prompts, log } = this.deps;
    log.info('The PVWA session expired; signing in again.');
    const { target } = active;
    const stored = await passwords.get(target.address.appUrl, target.username);
    const password = stored ?? (await prompts.password(target, 'Your PVWA session expired. Enter your password to continue.'));
    let token: string | undefined;
    try {
      if (password && this.active === active) token = await this.logon(active.client, target, password);
    } catch (error) {
      if (!isPasswordRefusal(error)) {
        const message = `Renewing the expired PVWA session failed: ${describeError(error)} You are still signed in; the next refresh tries again.`;
        log.warn(message);
        throw error instanceof PvwaError ? new RenewalFailedError(error.kind, message, error.status, error.code) : new RenewalFailedError('network', message);
      }
      if (stored) {
        await passwords.delete(target.address.appUrl, target.username);
        log.info('The stored password was refused when renewing the session and has been forgotten.');
      }
      const current = this.active === active;
      this.end(active);
      if (current) this.refusalEmitter.fire(error);
      throw error;
    }
    if (this.active !== active) {
      // Signed out while the renewal ran: the token it got must not outlive the session.
      if (token) await this.logoff(active.client, token);
      active.client.dispose();
      throw signedOut();
    }
    if (!token) {
      this.end(active);
      throw new PvwaError('sessionExpired', 'The PVWA session expired. Sign in again to continue.');
    }
    log.removeSecret(active.token);
    active.token = token;
    return token;
  }

  /** Logs the token off, waiting at most `timeoutMs`; a failure is only logged. */
  private async logoff(client: PvwaClient, token: string, timeoutMs = 5000): Promise<void> {
    const logoff = client.logoff(token).catch((error: unknown) => {
      this.deps.log.warn(`Logoff failed: ${error instanceof Error ? error.message : 'unknown error'}`);
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([logoff, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    this.deps.log.removeSecret(token);
  }

  /** Signs out without a logoff (the token is no longer valid), if `active` is still the session. */
  private end(active: ActiveSession): void {
    if (this.active !== active) return;
    this.drop();
    active.client.dispose();
    this.changeEmitter.fire(false);
  }

  private async logon(client: PvwaClient, target: SignInTarget, password: string): Promise<string | undefined> {
    const { log, prompts } = this.deps;
    let result = await client.logon(target.method, target.username, password);
    let answered = false;
    while (result.kind === 'challenge') {
      log.addSecret(result.cookie);
      const answer = await prompts.challenge(result.message, answered);
      if (!answer) return undefined;
      answered = true;
      try {
        result = await client.logon(target.method, target.username, answer, result.cookie);
      } catch (error) {
        if (error instanceof PvwaError && error.kind === 'auth') {
          throw new ChallengeRefusedError('auth', `The vault refused the one-time code: ${error.message}`, error.status, error.code);
        }
        throw error;
      }
    }
    log.addSecret(result.token);
    return result.token;
  }

  private drop(): void {
    this.active = undefined;
    this.generationValue++;
  }
}

function signedOut(): PvwaError {
  return new PvwaError('sessionExpired', 'You are signed out. Sign in to the PVWA first.');
}
