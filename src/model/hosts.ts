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
  const spellings = [addr.fqdn, addr.hostName, addr.original, addr.ip]
    .map((s) => s?.trim())
    .filter((s): s is string => !!s);
  if (spellings.length === 0) return undefined;
  const names = spellings.filter((s) => !isIpAddress(s));
  const ip = addr.ip?.trim() || spellings.find(isIpAddress);
  const bestName = names.find((n) => n.includes('.')) ?? names[0];
  const label = bestName ?? ip ?? spellings[0];
  return {
    key: bestName ? shortName(bestName) : (ip ?? label).toLowerCase(),
    label,
    ip,
    spellings: [...new Set(spellings)],
  };
}

/** `DC01.corp.example` -> `dc01`. */
export function shortName(name: string): string {
  return name.split('.')[0].toLowerCase();
}
