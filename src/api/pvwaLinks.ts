import { VaultAddress } from './baseUrl';

/** The event's own page in the PVWA web UI (the link PTA puts in its syslog messages). */
export function pvwaEventPage(address: VaultAddress, eventId: string): string {
  return `${address.appUrl}/v10/pta/events/${encodeURIComponent(eventId)}`;
}
