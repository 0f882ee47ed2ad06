import { hostKeyOf } from './hosts';
import { eventAuditParties, PtaAddress, PtaEvent } from './ptaEvent';

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
  return new EntityReader().entitiesOf(event);
}

/**
 * entitiesOf for a reader of many events (the entity index), allocation-light: what it allocates
 * per audit is what the host's garbage collector pays for while a load is indexed. It builds the
 * key of each spelling once, so that every event names an entity by the same string (which a map
 * then finds without comparing characters), and reuses its working lists from event to event.
 */
export class EntityReader {
  private readonly userKeys = new Map<string, string>();
  private readonly accountKeys = new Map<string, string>();
  private readonly hostKeys = new Map<string, string>();
  private readonly users: Array<Mutable<Entity>> = [];
  private readonly accounts: Array<Mutable<Entity>> = [];
  private readonly hosts: Array<Mutable<Entity>> = [];
  // Audits of one event mostly repeat the same values: each distinct spelling is keyed once.
  private readonly seenUsers: string[] = [];
  private readonly seenAccountTexts: string[] = [];
  private readonly seenAccounts: Array<Mutable<Entity>> = [];
  private readonly seenSources: PtaAddress[] = [];
  private readonly seenTargets: PtaAddress[] = [];
  private readonly hostIpKeys: Array<string | undefined> = [];

  entitiesOf(event: PtaEvent): Entity[] {
    const audits = eventAuditParties(event);
    if (audits.length === 0) return [];
    this.clearLists();
    for (const audit of audits) {
      if (audit.vaultUser && !this.seenUsers.includes(audit.vaultUser)) {
        this.seenUsers.push(audit.vaultUser);
        const key = remembered(this.userKeys, audit.vaultUser, userKey);
        if (!withKey(this.users, key)) this.users.push({ kind: 'user', key, label: audit.vaultUser });
      }
      if (audit.account?.trim()) this.addAccount(audit.account, audit.accountId);
      this.addHost(audit.source, 'source', this.seenSources);
    }
    for (const audit of audits) this.addHost(audit.target, 'target', this.seenTargets);
    const entities: Entity[] = [...this.users, ...this.accounts];
    this.pushBareIpsJoined(entities);
    return entities;
  }

  private clearLists(): void {
    this.users.length = 0;
    this.accounts.length = 0;
    this.hosts.length = 0;
    this.seenUsers.length = 0;
    this.seenAccountTexts.length = 0;
    this.seenAccounts.length = 0;
    this.seenSources.length = 0;
    this.seenTargets.length = 0;
  }

  /** A bare IP as a host's key. */
  ipKey(ip: string): string {
    return remembered(this.hostKeys, ip.toLowerCase(), hostEntityKey);
  }

  private addAccount(accountText: string, accountId: string | undefined): void {
    const seenAt = this.seenAccountTexts.indexOf(accountText);
    let account = seenAt < 0 ? undefined : this.seenAccounts[seenAt];
    if (!account) {
      const key = remembered(this.accountKeys, accountText, accountEntityKey);
      account = withKey(this.accounts, key);
      // Made whole at once where it can be: a property added later costs the object a second allocation.
      if (!account) this.accounts.push((account = accountId ? { kind: 'account', key, label: accountText, accountId } : { kind: 'account', key, label: accountText }));
      this.seenAccountTexts.push(accountText);
      this.seenAccounts.push(account);
    }
    if (!account.accountId && accountId) account.accountId = accountId;
  }

  private addHost(address: PtaAddress | undefined, side: 'source' | 'target', seen: PtaAddress[]): void {
    if (!address || seenIn(seen, address)) return;
    seen.push(address);
    const identity = hostKeyOf(address);
    if (!identity) return;
    const named = identity.ip === undefined || identity.key !== identity.ip.toLowerCase();
    const key = remembered(this.hostKeys, identity.key, hostEntityKey);
    const ip = named ? identity.ip : undefined;
    const host = withKey(this.hosts, key);
    if (!host) {
      this.hosts.push(ip ? { kind: 'host', key, label: identity.label, side, ip } : { kind: 'host', key, label: identity.label, side });
      return;
    }
    if (host.side !== side) host.side = 'both';
    if (!host.ip && ip) host.ip = ip;
    if (!host.label.includes('.') && identity.label.includes('.') && named) host.label = identity.label;
  }

  /** The hosts, less each bare IP that another host of the same event resolved to: that host is it. */
  private pushBareIpsJoined(into: Entity[]): void {
    const hosts = this.hosts;
    const ipKeys = this.hostIpKeys;
    ipKeys.length = 0;
    for (const host of hosts) ipKeys.push(host.ip && this.ipKey(host.ip));
    for (const host of hosts) {
      const named = hosts[ipKeys.indexOf(host.key)];
      if (!named) {
        into.push(host);
      } else if (named.side !== host.side) {
        named.side = 'both';
      }
    }
  }
}

function withKey(entities: ReadonlyArray<Mutable<Entity>>, key: string): Mutable<Entity> | undefined {
  for (const entity of entities) if (entity.key === key) return entity;
  return undefined;
}

function remembered(keys: Map<string, string>, text: string, keyOf: (text: string) => string): string {
  let key = keys.get(text);
  if (key === undefined) keys.set(text, (key = keyOf(text)));
  return key;
}

function userKey(vaultUser: string): string {
  return `user:${vaultUser.trim().toLowerCase()}`;
}

function accountEntityKey(accountText: string): string {
  return `account:${accountKey(accountText)}`;
}

function hostEntityKey(hostKey: string): string {
  return `host:${hostKey}`;
}

function seenIn(seen: readonly PtaAddress[], address: PtaAddress): boolean {
  for (const other of seen) if (sameAddress(other, address)) return true;
  return false;
}

function sameAddress(a: PtaAddress, b: PtaAddress): boolean {
  return a.original === b.original && a.ip === b.ip && a.hostName === b.hostName && a.fqdn === b.fqdn;
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
