import { hostIdentity } from './hosts';

/**
 * The normalised view of a PTA security event. The vault's JSON omits and nulls fields
 * freely and every string in it is attacker-influenced, so nothing here trusts a shape:
 * each field is read defensively and a missing value stays `undefined`, never "undefined".
 * The raw object is kept as the one copy of the data (for the raw JSON view); audits are
 * normalised on demand, when someone expands the event.
 */
export type EventStatus = 'OPEN' | 'CLOSED';

export interface PtaEvent {
  readonly id: string;
  readonly type: string;
  readonly score: number;
  readonly status: EventStatus;
  readonly createTime?: number;
  /** Epoch ms; when the vault sent none, createTime stands in, else the time it was received, else 0 (see hasUpdateTime). */
  readonly lastUpdateTime: number;
  /** Whether the vault sent a usable lastUpdateTime, rather than one standing in for it. */
  readonly hasUpdateTime: boolean;
  readonly closeReason?: string;
  readonly reasonText?: string;
  readonly auditCount: number;
  readonly raw: Readonly<Record<string, unknown>>;
}

/** An address as the vault sent it: the original text and, when PTA resolved it, its parts. */
export interface PtaAddress {
  readonly original?: string;
  readonly ip?: string;
  readonly hostName?: string;
  readonly fqdn?: string;
}

export interface PtaAudit {
  readonly id?: string;
  readonly type?: string;
  readonly sensorType?: string;
  readonly action?: string;
  readonly createTime?: number;
  readonly psmCommand?: string;
  readonly vaultUser?: string;
  readonly accountId?: string;
  readonly account?: string;
  readonly accountType?: string;
  readonly source?: PtaAddress;
  readonly target?: PtaAddress;
}

/**
 * Normalises one raw event; undefined when it has no usable id. `receivedAt` (epoch ms) orders an
 * event that came with neither lastUpdateTime nor createTime.
 */
export function normalizeEvent(raw: unknown, receivedAt?: number): PtaEvent | undefined {
  const record = asRecord(raw);
  const id = record && text(record.id);
  if (!record || !id) return undefined;
  const createTime = time(record.createTime);
  const updateTime = time(record.lastUpdateTime);
  const audits = Array.isArray(record.audits) ? record.audits : [];
  return {
    id,
    type: text(record.type) ?? 'Unknown event type',
    score: clampScore(record.score),
    status: text(record.mStatus)?.toUpperCase() === 'CLOSED' ? 'CLOSED' : 'OPEN',
    createTime,
    lastUpdateTime: updateTime ?? createTime ?? receivedAt ?? 0,
    hasUpdateTime: updateTime !== undefined,
    closeReason: text(record.closeReason),
    reasonText: text(record.reasonText),
    auditCount: audits.length,
    raw: record,
  };
}

export function eventAudits(event: PtaEvent): PtaAudit[] {
  const audits = event.raw.audits;
  return Array.isArray(audits) ? audits.map(normalizeAudit) : [];
}

/** Whom and where each audit of the event names, in order. */
export function eventAuditParties(event: PtaEvent): AuditParties[] {
  const audits = event.raw.audits;
  return Array.isArray(audits) ? audits.map(auditParties) : [];
}

export function normalizeAudit(raw: unknown): PtaAudit {
  const record = asRecord(raw) ?? {};
  const parties = auditParties(record);
  return {
    id: text(record.id),
    type: text(record.type),
    sensorType: text(record.sensorType),
    action: text(record.action),
    createTime: time(record.createTime),
    psmCommand: text(record.psmCommand),
    vaultUser: parties.vaultUser,
    accountId: parties.accountId,
    account: parties.account,
    accountType: text(asRecord(record.account)?.type),
    source: parties.source,
    target: parties.target,
  };
}

/** Whom and where an audit names, as normalizeAudit reads them: for readers of every audit of every event (entities), without normalising the rest. */
export type AuditParties = Pick<PtaAudit, 'vaultUser' | 'accountId' | 'account' | 'source' | 'target'>;

export function auditParties(raw: unknown): AuditParties {
  const record = asRecord(raw) ?? {};
  const accountRecord = asRecord(record.account);
  const inner = asRecord(accountRecord?.account);
  return {
    vaultUser: text(record.vaultUser),
    accountId: text(record.accountId),
    account: text(accountRecord?.accountAsStr) ?? userAtDomain(text(inner?.mUser), text(inner?.mDomain)),
    source: address(record.source),
    target: address(record.target),
  };
}

/** Distinct non-empty values of one audit field across the event, in order of appearance. */
export function distinctAuditValues(event: PtaEvent, pick: (audit: PtaAudit) => string | undefined): string[] {
  const seen = new Set<string>();
  for (const audit of eventAudits(event)) {
    const value = pick(audit);
    if (value) seen.add(value);
  }
  return [...seen];
}

/** One host shown once: its best name, with its IP beside it when both are known ("db01.corp (10.0.0.5)"). */
export function formatAddress(addr: PtaAddress | undefined): string | undefined {
  const host = addr && hostIdentity(addr);
  if (!host) return undefined;
  return host.ip && host.label !== host.ip ? `${host.label} (${host.ip})` : host.label;
}

function address(raw: unknown): PtaAddress | undefined {
  const record = asRecord(raw);
  if (!record) return undefined;
  const resolved = asRecord(record.mResolvedAddress);
  const parts = {
    original: text(record.mOriginalAddress),
    ip: text(resolved?.mAddress),
    hostName: text(resolved?.mHostName),
    fqdn: text(resolved?.mFqdn),
  };
  return parts.original || parts.ip || parts.hostName || parts.fqdn ? parts : undefined;
}

function userAtDomain(user: string | undefined, domain: string | undefined): string | undefined {
  if (!user) return undefined;
  return domain ? `${domain}\\${user}` : user;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A displayable string, or undefined for null, empty and non-scalar values. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

function time(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

function clampScore(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return 0;
  return Math.min(100, Math.max(0, n));
}
