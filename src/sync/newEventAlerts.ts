import * as vscode from 'vscode';
import { displayText, formatScore, readableEventType } from '../model/format';
import { PtaEvent } from '../model/ptaEvent';
import { inertNotification } from '../util/inertText';

/**
 * One notification per refresh for events never seen before that score at or above the
 * threshold; an event is never announced twice.
 */
export class NewEventAlerts {
  private readonly announced = new Set<string>();

  constructor(
    private readonly minScore: () => number,
    private readonly reveal: (eventIds: string[]) => Promise<void>,
  ) {}

  announce(events: readonly PtaEvent[]): string | undefined {
    const threshold = this.minScore();
    const fresh = events.filter((e) => e.status === 'OPEN' && e.score >= threshold && !this.announced.has(e.id)).sort((a, b) => b.score - a.score);
    if (fresh.length === 0) return undefined;
    for (const e of fresh) this.announced.add(e.id);
    const named = fresh.slice(0, 3).map((e) => `${displayText(readableEventType(e.type), 50)} (${formatScore(e.score)})`);
    const more = fresh.length > 3 ? `, and ${fresh.length - 3} more` : '';
    const message = `${fresh.length} new high-risk event${fresh.length === 1 ? '' : 's'}: ${named.join(', ')}${more}`;
    void vscode.window.showWarningMessage(inertNotification(message), 'Show').then((choice) => {
      if (choice === 'Show') void this.reveal(fresh.map((e) => e.id));
    });
    return message;
  }
}
