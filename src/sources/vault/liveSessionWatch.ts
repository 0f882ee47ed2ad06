import { describeError, PvwaError } from '../../api/errors';
import { listLiveSessions, PsmSession } from '../../api/resources/psmSessions';
import { VaultCaller } from '../../api/resources/vaultRequest';
import { VaultCapabilities } from '../../api/vaultCapabilities';
import { PtaEvent } from '../../model/ptaEvent';
import { LiveSessionIndex } from '../../respond/liveSessionIndex';
import { SessionMatch } from '../../respond/sessionMatching';
import { Emitter } from '../../util/emitter';

export interface LiveSessionWatchDeps {
  readonly caller: VaultCaller;
  /** Undefined until read after sign-in. */
  capabilities(): VaultCapabilities | undefined;
  readonly log: { warn(message: string): void };
}

/**
 * Which of one vault's open events have a live PSM session: after each successful refresh of
 * the vault, one list of its live sessions (when its version has the call and it has not
 * answered 403 since sign-in), matched in memory. Rows ask `matchOf`; `onDidChange` fires only
 * when the set of live sessions changed. Cleared at sign-out and at sign-in.
 */
export class LiveSessionWatch {
  private index = LiveSessionIndex.EMPTY;
  /** A refresh succeeded and its one list has not been asked for yet. */
  private pending = false;
  private listing = false;
  /** The vault answered 403: not asked again until the next sign-in. */
  private refusal: string | undefined;
  private lastProblem: string | undefined;
  private generation = 0;
  private readonly changeEmitter = new Emitter<void>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly deps: LiveSessionWatchDeps) {}

  /** The live session an open event is about, if the vault has said so. */
  matchOf(event: PtaEvent): SessionMatch | undefined {
    return this.index.matchOf(event);
  }

  get sessions(): readonly PsmSession[] {
    return this.index.sessions;
  }

  /** Why live sessions are not listed for this vault now, if they are not. */
  get unavailableReason(): string | undefined {
    if (this.refusal) return this.refusal;
    const availability = this.deps.capabilities()?.can('listLiveSessions');
    return availability && !availability.available ? `Live sessions are not listed: the call ${availability.reason}.` : undefined;
  }

  /** The vault's events were refreshed: list its live sessions once, when it can. */
  refreshed(): void {
    this.pending = true;
    void this.listOnce();
  }

  /** The capabilities were read: a list a refresh is waiting for may go now. */
  capabilitiesChanged(): void {
    void this.listOnce();
  }

  /** Sign-in or sign-out: forget the sessions, the 403 and anything under way. */
  reset(): void {
    this.generation++;
    this.pending = false;
    this.listing = false;
    this.refusal = undefined;
    this.lastProblem = undefined;
    this.replace(LiveSessionIndex.EMPTY);
  }

  dispose(): void {
    this.generation++;
    this.changeEmitter.dispose();
  }

  private async listOnce(): Promise<void> {
    if (!this.pending || this.listing) return;
    const capabilities = this.deps.capabilities();
    if (!capabilities) return;
    this.pending = false;
    if (this.refusal || !capabilities.can('listLiveSessions').available) return;
    const generation = this.generation;
    this.listing = true;
    try {
      const sessions = await listLiveSessions(this.deps.caller);
      if (generation !== this.generation) return;
      this.lastProblem = undefined;
      this.replace(new LiveSessionIndex(sessions));
    } catch (error) {
      if (generation !== this.generation) return;
      this.failed(error);
    } finally {
      if (generation === this.generation) {
        this.listing = false;
        // A refresh that succeeded meanwhile gets its own list.
        void this.listOnce();
      }
    }
  }

  private failed(error: unknown): void {
    // Rows must not go on claiming sessions the vault can no longer vouch for.
    this.replace(LiveSessionIndex.EMPTY);
    if (error instanceof PvwaError && error.status === 403) {
      this.refusal = `Live sessions are not listed until the next sign-in: the vault refused the list (${describeError(error)}).`;
      this.deps.log.warn(this.refusal);
      return;
    }
    const problem = `Listing live sessions failed: ${describeError(error)}`;
    if (problem !== this.lastProblem) this.deps.log.warn(problem);
    this.lastProblem = problem;
  }

  private replace(next: LiveSessionIndex): void {
    if (next.signature === this.index.signature) return;
    this.index = next;
    this.changeEmitter.fire();
  }
}
