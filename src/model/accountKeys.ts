import { eventAudits, PtaEvent } from './ptaEvent';

/** The account entity keys of an event (`account:<name in lower case>`), for the view's account filter. */
export function accountEntityKeys(event: PtaEvent): string[] {
  const keys = new Set<string>();
  for (const audit of eventAudits(event)) {
    const name = audit.account ?? audit.accountId;
    if (name) keys.add(`account:${name.toLowerCase()}`);
  }
  return [...keys];
}
