import type { PtaAddress } from './ptaEvent';

/**
 * One host, whatever form it arrives in: an IP, a short host name, a fully qualified name, or
 * a resolved address that carries several of them. Pure; shared by the tree, the details page,
 * entities and the Overview, so a host is the same host everywhere.
 */
export interface HostIdentity {
  /**
   * Lower-case key, the same for every spelling of the host within one vault: the first label
   * of its name (`DC01`, `dc01.corp.example` -> `dc01`), or its IP when no name is known.
   */
  readonly key: string;
  /** What to show, as the vault wrote it: the FQDN, else the host name, else the IP. */
  readonly label: string;
  readonly ip?: string;
  /** Every distinct spelling seen in this address (for search and for matching other forms). */
  readonly spellings: readonly string[];
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function isIpAddress(value: string): boolean {
  return IPV4.test(value) || (value.includes(':') && /^[0-9a-f:.[\]%]+$/i.test(value));
}

/** The host an address designates; undefined when it names none. */
export function hostIdentity(addr: PtaAddress): HostIdentity | undefined {
  const host = hostKeyOf(addr);
  return host && { ...host, spellings: spellingsOf(addr) };
}

/**
 * hostIdentity without its spellings, read without building any list: what keying a host needs,
 * for readers of every address of every event.
 */
export function hostKeyOf(addr: PtaAddress): Omit<HostIdentity, 'spellings'> | undefined {
  const fqdn = trimmed(addr.fqdn);
  const hostName = trimmed(addr.hostName);
  const original = trimmed(addr.original);
  const ipPart = trimmed(addr.ip);
  const first = fqdn ?? hostName ?? original ?? ipPart;
  if (first === undefined) return undefined;
  let firstName: string | undefined;
  let dottedName: string | undefined;
  let firstIp: string | undefined;
  for (let at = 0; at < 4; at++) {
    const spelling = at === 0 ? fqdn : at === 1 ? hostName : at === 2 ? original : ipPart;
    if (spelling === undefined) continue;
    if (isIpAddress(spelling)) {
      firstIp ??= spelling;
    } else {
      firstName ??= spelling;
      if (dottedName === undefined && spelling.includes('.')) dottedName = spelling;
    }
  }
  const bestName = dottedName ?? firstName;
  const ip = ipPart ?? firstIp;
  const label = bestName ?? ip ?? first;
  return { key: bestName ? shortName(bestName) : (ip ?? label).toLowerCase(), label, ip };
}

/** Every distinct spelling of the address, trimmed: the FQDN, the host name, the original text, the IP. */
function spellingsOf(addr: PtaAddress): string[] {
  const spellings = [addr.fqdn, addr.hostName, addr.original, addr.ip].map(trimmed).filter((s): s is string => s !== undefined);
  return [...new Set(spellings)];
}

function trimmed(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text ? text : undefined;
}

/** `DC01.corp.example` -> `dc01`. */
export function shortName(name: string): string {
  const dot = name.indexOf('.');
  return (dot < 0 ? name : name.slice(0, dot)).toLowerCase();
}
