import { displayText, formatAge, formatScore, formatTime, readableAuditType, readableCloseReason, readableEventType, riskBand } from './format';
import { HostIdentity, hostIdentity } from './hosts';
import { eventAudits, formatAddress, PtaAddress, PtaAudit, PtaEvent } from './ptaEvent';

/**
 * The labelled facts of an event and of an audit, in one order and one wording for every place
 * that shows them (the tree's tooltips, the details page). Pure; every value is already passed
 * through displayText, so it is visible, single-line text.
 */
export type Fact = readonly [label: string, value: string];

export interface FactLimits {
  /** Longest value shown, in characters (longer ones are cut with "…"). */
  readonly value: number;
  /** Most items shown in a list fact ("and N more" after them). */
  readonly listItems: number;
}

export const TOOLTIP_LIMITS: FactLimits = { value: 80, listItems: 5 };
export const PAGE_LIMITS: FactLimits = { value: 2000, listItems: 100 };

/** "Golden Ticket · 5f1e…78": a readable name for tabs, prompts and headings. */
export function eventShortName(event: PtaEvent): string {
  return `${displayText(readableEventType(event.type), 48)} · ${shortId(event.id)}`;
}

/** "5f1e0c2ab1d24a0012345678" -> "5f1e…78"; short ids stay whole. */
export function shortId(id: string): string {
  const visible = displayText(id, 64);
  return visible.length <= 8 ? visible : `${visible.slice(0, 4)}…${visible.slice(-2)}`;
}

/** "Open", or "Closed · False positive" when the vault gave a reason. */
export function eventStatusText(event: PtaEvent): string {
  if (event.status === 'OPEN') return 'Open';
  const reason = readableCloseReason(event.closeReason);
  return reason ? `Closed · ${reason}` : 'Closed';
}

export function eventFacts(event: PtaEvent, now: number, limits: FactLimits): Fact[] {
  const facts: Fact[] = [
    ['Score', `${formatScore(event.score)} (${riskBand(event.score)} risk)`],
    ['Status', eventStatusText(event)],
  ];
  if (event.status === 'CLOSED' && event.reasonText) facts.push(['Close text', displayText(event.reasonText, limits.value)]);
  facts.push(
    ['Event ID', displayText(event.id, limits.value)],
    ['Created', formatTime(event.createTime)],
    ['Last updated', `${formatTime(event.lastUpdateTime)} (${formatAge(event.lastUpdateTime, now)})`],
  );
  const audits = eventAudits(event);
  const list = (label: string, values: string[]) => {
    if (values.length > 0) facts.push([label, listText(values, limits)]);
  };
  list('Accounts', distinct(audits.map(auditAccount)));
  list('Vault users', distinct(audits.map((a) => a.vaultUser)));
  list('Sources', distinctHosts(audits.map((a) => a.source)).map(hostText));
  list('Targets', distinctHosts(audits.map((a) => a.target)).map(hostText));
  list('Commands', distinct(audits.map((a) => a.psmCommand)));
  facts.push(['Audits', String(event.auditCount)]);
  return facts;
}

export function auditFacts(audit: PtaAudit, limits: FactLimits): Fact[] {
  const fields: Array<[string, string | undefined]> = [
    ['Command', audit.psmCommand],
    ['Action', audit.action],
    ['Type', audit.type && readableAuditType(audit.type)],
    ['Sensor', audit.sensorType],
    ['Time', audit.createTime ? formatTime(audit.createTime) : undefined],
    ['Vault user', audit.vaultUser],
    ['Account', audit.account],
    ['Account type', audit.accountType],
    ['Account ID', audit.accountId],
    ['Source', formatAddress(audit.source)],
    ['Target', formatAddress(audit.target)],
  ];
  return fields.filter((f): f is [string, string] => !!f[1]).map(([label, value]) => [label, displayText(value, limits.value)]);
}

/** What an audit is about in a few words: the typed command, else its action or type. */
export function auditHeadline(audit: PtaAudit, maxLength: number): string {
  return displayText(audit.psmCommand ?? audit.action ?? (audit.type ? readableAuditType(audit.type) : 'Audit'), maxLength);
}

/** "jsmith as Administrator@web-prod-33", or whichever of the two is known. */
export function auditActor(audit: PtaAudit, maxLength: number): string | undefined {
  const account = auditAccount(audit);
  if (audit.vaultUser && account) return `${displayText(audit.vaultUser, maxLength)} as ${displayText(account, maxLength)}`;
  const one = audit.vaultUser ?? account;
  return one && displayText(one, maxLength);
}

/**
 * "a (10.0.0.1) → b", "from a", "→ b". With `hostName` (from eventHostNames), each end is named
 * as the event knows that host, so one host reads the same in every audit.
 */
export function auditRoute(audit: PtaAudit, maxLength: number, hostName: (address: PtaAddress | undefined) => string | undefined = formatAddress): string | undefined {
  const source = hostName(audit.source);
  const target = hostName(audit.target);
  const show = (s: string) => displayText(s, maxLength);
  if (source && target) return `${show(source)} → ${show(target)}`;
  if (source) return `from ${show(source)}`;
  if (target) return `→ ${show(target)}`;
  return undefined;
}

/** Whom and where an event concerns, for its row: the first account (else vault user) and target host, with "+N" for the others. */
export function eventSubject(event: PtaEvent, maxLength: number): { who?: string; where?: string } {
  const audits = eventAudits(event);
  const accounts = distinct(audits.map(auditAccount));
  const people = accounts.length > 0 ? accounts : distinct(audits.map((a) => a.vaultUser));
  const targets = distinctHosts(audits.map((a) => a.target)).map((h) => h.label);
  return { who: firstAndCount(people, maxLength), where: firstAndCount(targets, maxLength) };
}

/**
 * The hosts among these addresses, each once: an IP, a host name and an FQDN of one host (as
 * `mResolvedAddress` ties them, or as their short names agree) merge into one, labelled by its
 * best name, with its IP when any of its forms carried one. In order of first appearance.
 */
export function distinctHosts(addresses: ReadonlyArray<PtaAddress | undefined>): HostIdentity[] {
  const hosts: HostIdentity[] = [];
  for (const address of addresses) {
    const host = address && hostIdentity(address);
    if (!host) continue;
    // A resolved address can tie together hosts that looked apart (a bare IP, a short name): all merge into the first.
    const matching = hosts.flatMap((known, index) => (sameHost(known, host) ? [index] : []));
    if (matching.length === 0) {
      hosts.push(host);
      continue;
    }
    hosts[matching[0]] = matching.reduce((merged, index) => mergeHosts(hosts[index], merged), host);
    for (const index of matching.slice(1).reverse()) hosts.splice(index, 1);
  }
  return hosts;
}

/** Names any address of the event by the merged host it belongs to ("db01.corp (10.0.0.5)" for a bare "10.0.0.5"). */
export function eventHostNames(event: PtaEvent): (address: PtaAddress | undefined) => string | undefined {
  const hosts = distinctHosts(eventAudits(event).flatMap((a) => [a.source, a.target]));
  return (address) => {
    const host = address && hostIdentity(address);
    if (!host) return undefined;
    const known = hosts.find((h) => sameHost(h, host));
    return hostText(known ?? host);
  };
}

/** "db01.corp (10.0.0.5)", or the one form known. */
export function hostText(host: HostIdentity): string {
  return formatAddress({ original: host.label, ip: host.ip }) ?? host.label;
}

function sameHost(a: HostIdentity, b: HostIdentity): boolean {
  if (a.key === b.key) return true;
  if (a.ip && b.ip && a.ip === b.ip) return true;
  const spellings = new Set(a.spellings.map((s) => s.toLowerCase()));
  return b.spellings.some((s) => spellings.has(s.toLowerCase()));
}

function mergeHosts(a: HostIdentity, b: HostIdentity): HostIdentity {
  const rank = (h: HostIdentity) => (h.label === h.ip ? 0 : h.label.includes('.') ? 2 : 1);
  const better = rank(b) > rank(a) ? b : a;
  return { key: better.key, label: better.label, ip: a.ip ?? b.ip, spellings: [...new Set([...a.spellings, ...b.spellings])] };
}

function auditAccount(audit: PtaAudit): string | undefined {
  return audit.account ?? audit.accountId;
}

function distinct(values: ReadonlyArray<string | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}

function listText(values: readonly string[], limits: FactLimits): string {
  const shown = values.slice(0, limits.listItems).map((v) => displayText(v, limits.value)).join(', ');
  const more = values.length - limits.listItems;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

function firstAndCount(values: readonly string[], maxLength: number): string | undefined {
  if (values.length === 0) return undefined;
  return values.length === 1 ? displayText(values[0], maxLength) : `${displayText(values[0], maxLength)} +${values.length - 1}`;
}
