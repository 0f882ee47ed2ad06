import { shortName, isIpAddress } from '../model/hosts';
import { eventAudits, PtaAddress, PtaEvent } from '../model/ptaEvent';

/**
 * Who and what one audit of an event names, in the forms a PSM session or an account carries
 * them: lower-case, every spelling of a host. Built once per event, then compared with many
 * sessions. Pure.
 */
export interface AuditParties {
  readonly vaultUser?: string;
  /** The account's user without its domain ("root", "svc_sql"). */
  readonly accountUser?: string;
  /** Where the account lives as the vault names it (inner mTarget, else the host of accountAsStr). */
  readonly accountAddress?: string;
  readonly target: HostForms;
  readonly source: HostForms;
  readonly createTime?: number;
  readonly accountId?: string;
}

/** Every spelling of one host, lower-case, and the short names of those that are names. */
export interface HostForms {
  readonly spellings: ReadonlySet<string>;
  readonly shortNames: ReadonlySet<string>;
}

const NO_HOST: HostForms = { spellings: new Set(), shortNames: new Set() };

/** The parties of the event's PSM audits, or of all its audits when none is a PSM one (or `preferPsm` is false). */
export function eventParties(event: PtaEvent, options: { preferPsm?: boolean } = {}): AuditParties[] {
  const rawAudits = Array.isArray(event.raw.audits) ? (event.raw.audits as unknown[]) : [];
  const all = eventAudits(event).map((audit, index) => {
    const inner = innerAccount(rawAudits[index]);
    const accountText = audit.account;
    return {
      psm: audit.sensorType?.toUpperCase() === 'PSM' || audit.psmCommand !== undefined || !!audit.type?.toUpperCase().startsWith('PSM'),
      parties: {
        vaultUser: lower(audit.vaultUser),
        accountUser: lower(inner.user) ?? lower(userOf(accountText)),
        accountAddress: lower(inner.target) ?? lower(hostOf(accountText)),
        target: hostForms(audit.target),
        source: hostForms(audit.source),
        createTime: audit.createTime,
        accountId: audit.accountId,
      },
    };
  });
  const psm = options.preferPsm === false ? [] : all.filter((a) => a.psm);
  return (psm.length > 0 ? psm : all).map((a) => a.parties);
}

export function hostForms(address: PtaAddress | undefined): HostForms {
  if (!address) return NO_HOST;
  const spellings = new Set<string>();
  const shortNames = new Set<string>();
  for (const value of [address.original, address.ip, address.hostName, address.fqdn]) {
    const text = lower(value);
    if (!text) continue;
    spellings.add(text);
    if (!isIpAddress(text)) shortNames.add(shortName(text));
  }
  return { spellings, shortNames };
}

/** Whether `value` (a session's AccountAddress, FromIP, …) is one of the host's spellings. */
export function isHostForm(value: string | undefined, host: HostForms): boolean {
  const text = lower(value);
  if (!text) return false;
  if (host.spellings.has(text)) return true;
  return !isIpAddress(text) && host.shortNames.has(shortName(text));
}

/** "CORP\\jdoe" -> "jdoe", "root@web-01" -> "root". */
export function userOf(accountText: string | undefined): string | undefined {
  if (!accountText) return undefined;
  const downLevel = accountText.lastIndexOf('\\');
  if (downLevel >= 0) return accountText.slice(downLevel + 1) || undefined;
  const at = accountText.indexOf('@');
  return at > 0 ? accountText.slice(0, at) : accountText;
}

function hostOf(accountText: string | undefined): string | undefined {
  const at = accountText?.indexOf('@') ?? -1;
  return at > 0 ? accountText!.slice(at + 1) || undefined : undefined;
}

export function lower(value: string | undefined): string | undefined {
  const text = value?.trim().toLowerCase();
  return text ? text : undefined;
}

function innerAccount(rawAudit: unknown): { user?: string; target?: string } {
  const account = record(record(rawAudit)?.account);
  const inner = record(account?.account);
  return { user: stringOf(inner?.mUser), target: stringOf(inner?.mTarget) };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
