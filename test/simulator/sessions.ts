import { randomBytes } from 'node:crypto';

/** Issued session tokens and when each was last used; a token idle too long stops working. */
export class SessionStore {
  private readonly lastUsedAt = new Map<string, number>();
  /** Tokens handed out: one per successful logon. */
  issuedCount = 0;

  constructor(private readonly idleMs: number) {}

  issue(): string {
    this.issuedCount++;
    const token = randomBytes(96).toString('base64');
    this.lastUsedAt.set(token, Date.now());
    return token;
  }

  /** True when the token is live; using it restarts its idle clock. */
  use(token: string | undefined): boolean {
    const lastUsed = token === undefined ? undefined : this.lastUsedAt.get(token);
    if (token === undefined || lastUsed === undefined) return false;
    const now = Date.now();
    if (now - lastUsed > this.idleMs) {
      this.lastUsedAt.delete(token);
      return false;
    }
    this.lastUsedAt.set(token, now);
    return true;
  }

  revoke(token: string): void {
    this.lastUsedAt.delete(token);
  }

  revokeAll(): void {
    this.lastUsedAt.clear();
  }
}
