import { EventRef, refKey } from '../sources/eventSource';

export interface Claim<T extends EventRef> {
  /** Each event once, in the order given; now marked in flight until released. */
  readonly claimed: T[];
  /** Events whose earlier close or reopen has not been answered yet: not to be sent again. */
  readonly busy: T[];
}

/**
 * The events (source and id) whose close or reopen has been sent and not yet answered. A second
 * request for one of them is never sent while the first is on its way: the vault would apply both,
 * and the second could overwrite what the first did. Pure.
 */
export class InFlightTriage {
  private readonly pending = new Set<string>();

  /** Claims the events not already in flight; an event repeated in `refs` counts once. */
  claim<T extends EventRef>(refs: readonly T[]): Claim<T> {
    const claimed: T[] = [];
    const busy: T[] = [];
    const seen = new Set<string>();
    for (const ref of refs) {
      const key = refKey(ref);
      if (seen.has(key)) continue;
      seen.add(key);
      if (this.pending.has(key)) {
        busy.push(ref);
      } else {
        this.pending.add(key);
        claimed.push(ref);
      }
    }
    return { claimed, busy };
  }

  release(refs: readonly EventRef[]): void {
    for (const ref of refs) this.pending.delete(refKey(ref));
  }

  isInFlight(ref: EventRef): boolean {
    return this.pending.has(refKey(ref));
  }
}
