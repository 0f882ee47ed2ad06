import { PtaEvent } from '../model/ptaEvent';

/** How long the first answer of a batch waits for others before the views are told. */
const BATCH_WINDOW_MS = 100;

/**
 * Hands the vault's answers on in batches: those arriving within BATCH_WINDOW_MS of the first go
 * together, so a thousand closes redraw the views about ten times a second instead of a thousand
 * times. flush() hands on what is left at once (the end of a batch: before its summary is shown).
 */
export class AnswerBatches {
  private pending: PtaEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deliver: (events: readonly PtaEvent[]) => void) {}

  add(event: PtaEvent): void {
    this.pending.push(event);
    this.timer ??= setTimeout(() => this.flush(), BATCH_WINDOW_MS);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const events = this.pending;
    this.pending = [];
    if (events.length > 0) this.deliver(events);
  }
}
