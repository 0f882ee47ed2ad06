import { parseVaultAddress, VaultAddress } from '../../api/baseUrl';
import type { AuthMethod } from '../../api/pvwaClient';
import type { UnitSetting } from '../../store/eventRefresher';

/** One vault the user configured: in `cyberarkPta.vaults`, or the single-vault settings. */
export interface VaultConfig {
  /** `vault:<name in lower case>`; `vault:default` for the single-vault settings, whatever their address. */
  readonly id: string;
  readonly name: string;
  /** Undefined only for the single-vault settings before an address was entered. */
  readonly address?: VaultAddress;
  readonly username: string;
  /** Undefined when the user has not chosen one yet (single-vault settings only): sign-in asks. */
  readonly authMethod?: AuthMethod;
  readonly lookbackDays?: number;
  readonly fromUpdateDateUnit?: UnitSetting;
  readonly caFile?: string;
  /** Defined in `cyberarkPta.vaults` (so edited there), rather than by `url`/`username`/`authMethod`. */
  readonly inList: boolean;
}

export interface RawVaultSettings {
  readonly vaults: unknown;
  readonly url: string;
  readonly username: string;
  /** The user's own value of `authMethod`, undefined when only the default applies. */
  readonly authMethod: string | undefined;
}

export interface VaultConfigs {
  readonly vaults: readonly VaultConfig[];
  /** One sentence per unusable entry or field, naming the vault and the field. */
  readonly problems: readonly string[];
  /** Said in the log when both kinds of settings exist. */
  readonly precedence?: string;
}

export const AUTH_METHODS: readonly AuthMethod[] = ['CyberArk', 'LDAP', 'RADIUS'];
const UNITS: readonly UnitSetting[] = ['auto', 'seconds', 'milliseconds'];
export const SINGLE_VAULT_ID = 'vault:default';

/**
 * The vaults to show. `cyberarkPta.vaults` wins when it holds at least one usable entry; the
 * single-vault settings then are not used. A bad entry is left out with a message; the others
 * keep working. Optional fields that are wrong are ignored with a message, not the whole vault.
 */
export function readVaultConfigs(raw: RawVaultSettings): VaultConfigs {
  const problems: string[] = [];
  const vaults: VaultConfig[] = [];
  const entries = Array.isArray(raw.vaults) ? raw.vaults : [];
  if (raw.vaults !== undefined && raw.vaults !== null && !Array.isArray(raw.vaults)) {
    problems.push('cyberarkPta.vaults must be a list of vaults; it was ignored.');
  }
  for (const [index, entry] of entries.entries()) {
    const vault = readEntry(entry, index, problems);
    if (!vault) continue;
    if (vaults.some((v) => v.id === vault.id)) {
      problems.push(`Vault "${vault.name}" (cyberarkPta.vaults entry ${index + 1}): the name is already used by another vault; names must be unique. This entry was ignored.`);
      continue;
    }
    vaults.push(vault);
  }
  const single = singleVault(raw);
  if (vaults.length > 0) {
    const precedence = raw.url.trim()
      ? `cyberarkPta.vaults defines ${vaults.length} vault${vaults.length === 1 ? '' : 's'}; it wins over cyberarkPta.url (${raw.url.trim()}), which is not used while the list has a usable entry.`
      : undefined;
    return { vaults, problems, precedence };
  }
  return { vaults: [single], problems };
}

function singleVault(raw: RawVaultSettings): VaultConfig {
  let address: VaultAddress | undefined;
  try {
    address = raw.url.trim() ? parseVaultAddress(raw.url) : undefined;
  } catch {
    address = undefined;
  }
  return {
    id: SINGLE_VAULT_ID,
    name: address?.hostname ?? 'PVWA',
    address,
    username: raw.username.trim(),
    authMethod: authMethodOf(raw.authMethod),
    inList: false,
  };
}

function readEntry(entry: unknown, index: number, problems: string[]): VaultConfig | undefined {
  const where = (name?: string) => (name ? `Vault "${name}" (cyberarkPta.vaults entry ${index + 1})` : `cyberarkPta.vaults entry ${index + 1}`);
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    problems.push(`${where()} is not an object with name, url and username; it was ignored.`);
    return undefined;
  }
  const record = entry as Record<string, unknown>;
  const name = typeof record.name === 'string' ? record.name.trim() : '';
  if (!name) {
    problems.push(`${where()}: "name" is missing; it was ignored.`);
    return undefined;
  }
  const url = typeof record.url === 'string' ? record.url : '';
  let address: VaultAddress;
  try {
    address = parseVaultAddress(url);
  } catch (error) {
    problems.push(`${where(name)}: "url" is not usable: ${(error as Error).message} The vault was ignored.`);
    return undefined;
  }
  const username = typeof record.username === 'string' ? record.username.trim() : '';
  if (!username) {
    problems.push(`${where(name)}: "username" is missing; the vault was ignored.`);
    return undefined;
  }
  const method = authMethodOf(typeof record.authMethod === 'string' ? record.authMethod : undefined);
  if (record.authMethod !== undefined && !method) {
    problems.push(`${where(name)}: "authMethod" must be CyberArk, LDAP or RADIUS; CyberArk is used.`);
  }
  const lookbackDays = optionalInteger(record.lookbackDays, 1, 3650);
  if (record.lookbackDays !== undefined && lookbackDays === undefined) {
    problems.push(`${where(name)}: "lookbackDays" must be a whole number from 1 to 3650; the general setting is used.`);
  }
  const unit = UNITS.find((u) => u === record.fromUpdateDateUnit);
  if (record.fromUpdateDateUnit !== undefined && !unit) {
    problems.push(`${where(name)}: "fromUpdateDateUnit" must be auto, seconds or milliseconds; the general setting is used.`);
  }
  const tls = record.tls && typeof record.tls === 'object' ? (record.tls as Record<string, unknown>) : undefined;
  const caFile = typeof tls?.caFile === 'string' && tls.caFile.trim() ? tls.caFile.trim() : undefined;
  return {
    id: `vault:${name.toLowerCase()}`,
    name,
    address,
    username,
    authMethod: method ?? 'CyberArk',
    lookbackDays,
    fromUpdateDateUnit: unit,
    caFile,
    inList: true,
  };
}

export function authMethodOf(value: string | undefined): AuthMethod | undefined {
  return value === undefined ? undefined : AUTH_METHODS.find((m) => m.toLowerCase() === value.trim().toLowerCase());
}

function optionalInteger(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}
