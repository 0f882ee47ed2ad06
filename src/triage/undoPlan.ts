import { CloseReason, EventUpdate } from '../api/pvwaClient';
import { isCloseReason } from '../model/closeReason';
import { PtaEvent } from '../model/ptaEvent';
import { TriageOutcome, TriageRequest } from './bulkTriage';

export interface UndoPlan {
  /** One request per event this action changed and nobody changed since: send with triageEvents. */
  readonly requests: readonly TriageRequest[];
  /** Events this action changed that have changed again since (or are no longer held): left alone. */
  readonly changedSince: readonly PtaEvent[];
}

/**
 * What Undo sends: a close is undone by reopening exactly the events it closed, a reopen by
 * closing them again with their earlier reason and text. An event whose current state is no
 * longer the one the vault answered this action with (someone closed, reopened or updated it
 * meanwhile) is left alone. `current` reads the store as it is now.
 */
export function planUndo(outcome: TriageOutcome, current: (id: string) => PtaEvent | undefined): UndoPlan {
  const requests: TriageRequest[] = [];
  const changedSince: PtaEvent[] = [];
  for (const { before, after } of outcome.succeeded) {
    const now = current(after.id);
    if (!now || now.status !== after.status || now.lastUpdateTime !== after.lastUpdateTime) {
      changedSince.push(now ?? after);
      continue;
    }
    requests.push({ event: now, update: after.status === 'CLOSED' ? { mStatus: 'OPEN', closeReason: 'NONE' } : closeAgain(before) });
  }
  return { requests, changedSince };
}

function closeAgain(before: PtaEvent): EventUpdate {
  const reason = before.closeReason?.toUpperCase();
  const update: { mStatus: 'CLOSED'; closeReason?: CloseReason; reasonText?: string } = { mStatus: 'CLOSED' };
  if (isCloseReason(reason)) update.closeReason = reason;
  if (before.reasonText !== undefined) update.reasonText = before.reasonText;
  return update;
}
