import { displayText, formatScore, readableEventType } from '../model/format';
import { PtaEvent } from '../model/ptaEvent';
import { EventRef, refKey } from '../sources/eventSource';
import * as inertWindow from '../ui/inertWindow';

/**
 * One notification per refresh of a vault for events never seen before that score at or above
 * the threshold; an event is never announced twice. With several vaults, the alert names its vault.
 */
export class NewEventAlerts {
  private readonly announced = new Set<string>();

  constructor(
    private readonly minScore: () => number,
    private readonly reveal: (refs: EventRef[]) => Promise<void>,
  ) {}

  /** `vaultName`: given when several vaults are configured. Returns the message shown, if any. */
  announce(sourceId: string, vaultName: string | undefined, events: readonly PtaEvent[]): string | undefined {
    const threshold = this.minScore();
    const fresh = events
      .filter((e) => e.status === 'OPEN' && e.score >= threshold && !this.announced.has(refKey({ sourceId, eventId: e.id })))
      .sort((a, b) => b.score - a.score);
    if (fresh.length === 0) return undefined;
    for (const e of fresh) this.announced.add(refKey({ sourceId, eventId: e.id }));
    const named = fresh.slice(0, 3).map((e) => `${displayText(readableEventType(e.type), 50)} (${formatScore(e.score)})`);
    const more = fresh.length > 3 ? `, and ${fresh.length - 3} more` : '';
    const where = vaultName ? ` in ${displayText(vaultName, 40)}` : '';
    const message = `${fresh.length} new high-risk event${fresh.length === 1 ? '' : 's'}${where}: ${named.join(', ')}${more}`;
    void inertWindow.showWarningMessage(message, 'Show').then((choice) => {
      if (choice === 'Show') void this.reveal(fresh.map((e) => ({ sourceId, eventId: e.id })));
    });
    return message;
  }
}
