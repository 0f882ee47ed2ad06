import { PtaEvent } from '../model/ptaEvent';
import { EventRef, refKey } from '../sources/eventSource';
import { Emitter } from '../util/emitter';
import { BehindEvent, BehindEventDeps, loadBehindEvent, loadingBehindEvent } from './behindEvent';

/**
 * What stands behind each event whose panel was opened, per source and event id: loaded on first
 * request, kept until Refresh (or until the source signs out), never for the whole list.
 */
export class BehindEventCache {
  private readonly entries = new Map<string, { behind: BehindEvent; generation: number; settled: Promise<BehindEvent> }>();
  private generation = 0;
  private readonly changed = new Emitter<{ ref: EventRef; behind: BehindEvent }>();
  /** A part of an event's picture arrived, or it was dropped (behind undefined never fires). */
  readonly onDidChange = this.changed.event;

  get(ref: EventRef): BehindEvent | undefined {
    return this.entries.get(refKey(ref))?.behind;
  }

  /** Starts loading unless the event is cached (or `refresh`); resolves when every part has settled. */
  async load(ref: EventRef, event: PtaEvent, deps: BehindEventDeps, options: { refresh?: boolean } = {}): Promise<BehindEvent> {
    const key = refKey(ref);
    const cached = this.entries.get(key);
    // A load under way is waited for, not started again.
    if (cached && !options.refresh) return cached.settled;
    const generation = ++this.generation;
    const loading = loadingBehindEvent(Date.now());
    const settled = loadBehindEvent(deps, event, (behind) => {
      // A Refresh started later wins over a slower earlier load.
      const entry = this.entries.get(key);
      if (!entry || entry.generation !== generation) return;
      this.entries.set(key, { ...entry, behind });
      this.changed.fire({ ref, behind });
    });
    this.entries.set(key, { behind: loading, generation, settled });
    this.changed.fire({ ref, behind: loading });
    return settled;
  }

  /** Drops a source's pictures (signed out: they must not outlive the session). */
  dropSource(sourceId: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(`${sourceId}\u0000`)) this.entries.delete(key);
  }

  dispose(): void {
    this.entries.clear();
    this.changed.dispose();
  }
}
