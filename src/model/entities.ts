import { hostIdentity } from './hosts';
import { eventAudits, PtaAddress, PtaEvent } from './ptaEvent';

/**
 * The things an event is about, as the analyst pivots on them: vault users, accounts, and the
 * hosts on either end. Keys are unique within one event source only: entities never merge across
 * vaults. Pure; no vscode.
 */
export type EntityKind = 'account' | 'user' | 'host';

/** Where a host appeared in the event's audits. */
export type HostSide = 'source' | 'target' | 'both';

export interface Entity {
  readonly kind: EntityKind;
  /** `${kind}:${normalised value}`, lower-case; see hosts.ts for how a host is normalised. */
  readonly key: string;
  /** As the vault wrote it (untrusted: pass through displayText before showing). */
  readonly label: string;
  /** Accounts only: the vault account id, when an audit carried one. */
  readonly accountId?: string;
  /** Hosts only: the IP, when known beside a name (how a bare IP elsewhere is matched to this host). */
  readonly ip?: string;
  /** Hosts only, from entitiesOf: source, target or both in this event. */
  readonly side?: HostSide;
}

/**
 * The entities of one event: vault users, then accounts, then hosts (sources before targets),
 * each in order of first appearance in the audits, each once whatever the spelling. Labels are
 * the first spelling seen (for a host, its fully qualified name when any audit gave one). A bare
 * IP that another audit of the same event resolved to a name is that named host.
 */
export function entitiesOf(event: PtaEvent): Entity[] {
  const found = new Map<string, Mutable<Entity>>();
  const users: Array<Mutable<Entity>> = [];
  const accounts: Array<Mutable<Entity>> = [];
  const hosts: Array<Mutable<Entity>> = [];
  // Audits of one event mostly repeat the same values: each distinct spelling is keyed once.
  const seenUsers: string[] = [];
  const seenAccounts: Array<{ text: string; entity: Mutable<Entity> }> = [];
  const seenAddresses: Array<{ address: PtaAddress; side: HostSide }> = [];
  const note = (entity: Mutable<Entity>, into: Array<Mutable<Entity>>) => {
    const held = found.get(entity.key);
    if (!held) {
      found.set(entity.key, entity);
      into.push(entity);
    }
    return held ?? entity;
  };
  const addHost = (address: PtaAddress | undefined, side: 'source' | 'target') => {
    if (!address || seenAddresses.some((seen) => seen.side === side && sameAddress(seen.address, address))) return;
    seenAddresses.push({ address, side });
    const identity = hostIdentity(address);
    if (!identity) return;
    const named = identity.ip === undefined || identity.key !== identity.ip.toLowerCase();
    const candidate: Mutable<Entity> = { kind: 'host', key: `host:${identity.key}`, label: identity.label, side };
    if (named && identity.ip) candidate.ip = identity.ip;
    const host = note(candidate, hosts);
    if (host === candidate) return;
    if (host.side !== side) host.side = 'both';
    if (!host.ip && candidate.ip) host.ip = candidate.ip;
    if (!host.label.includes('.') && candidate.label.includes('.') && named) host.label = candidate.label;
  };

  const audits = eventAudits(event);
  for (const audit of audits) {
    if (audit.vaultUser && !seenUsers.includes(audit.vaultUser)) {
      seenUsers.push(audit.vaultUser);
      note(userEntity(audit.vaultUser), users);
    }
    const accountText = audit.account;
    if (accountText?.trim()) {
      let account = seenAccounts.find((seen) => seen.text === accountText)?.entity;
      if (!account) {
        account = note({ kind: 'account', key: `account:${accountKey(accountText)}`, label: accountText }, accounts);
        seenAccounts.push({ text: accountText, entity: account });
      }
      if (!account.accountId && audit.accountId) account.accountId = audit.accountId;
    }
    addHost(audit.source, 'source');
  }
  for (const audit of audits) addHost(audit.target, 'target');
  return [...users, ...accounts, ...withBareIpsJoined(hosts)];
}

function sameAddress(a: PtaAddress, b: PtaAddress): boolean {
  return a.original === b.original && a.ip === b.ip && a.hostName === b.hostName && a.fqdn === b.fqdn;
}

/** A bare IP that another host of the same event resolved to is that host. */
function withBareIpsJoined(hosts: Array<Mutable<Entity>>): Array<Mutable<Entity>> {
  const namedByIp = new Map<string, Mutable<Entity>>();
  for (const host of hosts) {
    const ipKey = host.ip && `host:${host.ip.toLowerCase()}`;
    if (ipKey && !namedByIp.has(ipKey)) namedByIp.set(ipKey, host);
  }
  return hosts.filter((host) => {
    const named = namedByIp.get(host.key);
    if (!named) return true;
    if (named.side !== host.side) named.side = 'both';
    return false;
  });
}

function userEntity(vaultUser: string): Entity {
  return { kind: 'user', key: `user:${vaultUser.trim().toLowerCase()}`, label: vaultUser };
}

/**
 * Lower-case, and `DOMAIN\user` written as `user@domain`, the form accountAsStr uses, so an
 * audit that only carried the inner user and domain names the same account.
 */
export function accountKey(accountText: string): string {
  const text = accountText.trim().toLowerCase();
  const downLevel = /^([^\\@]+)\\([^\\@]+)$/.exec(text);
  return downLevel ? `${downLevel[2]}@${downLevel[1]}` : text;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
