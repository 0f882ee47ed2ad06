import type { VaultAccountDetails } from '../api/resources/accounts';
import { eventAudits, PtaEvent } from '../model/ptaEvent';

export type CredentialChange = 'changedSince' | 'notChangedSince' | 'unknown';

/**
 * Whether the account's credential changed after the event's last audit (the last moment it was
 * seen in use), by the account's lastModifiedTime. Unknown when either time is missing. Pure.
 */
export function credentialChangeSinceEvent(event: PtaEvent, account: VaultAccountDetails): CredentialChange {
  const changed = account.lastModifiedTime;
  const seen = lastSeen(event);
  if (changed === undefined || seen === undefined) return 'unknown';
  return changed > seen ? 'changedSince' : 'notChangedSince';
}

/** The event's last audit time (the last moment it was seen in use), else its own time. */
export function lastSeen(event: PtaEvent): number | undefined {
  const times = eventAudits(event).map((a) => a.createTime).filter((t): t is number => t !== undefined);
  return times.length > 0 ? Math.max(...times) : (event.createTime ?? (event.hasUpdateTime ? event.lastUpdateTime : undefined));
}
