import { formatScore, readableCloseReason, readableEventType, riskBand } from '../model/format';
import { hostIdentity } from '../model/hosts';
import { distinctAuditValues, eventAudits, formatAddress, PtaAddress, PtaAudit, PtaEvent } from '../model/ptaEvent';

/** An event to export and the name of the vault or file it came from. */
export interface ExportedEvent {
  readonly event: PtaEvent;
  readonly source: string;
}

/** One event as the exports show it: every value a string (empty when unknown), vault text as the vault wrote it. */
export interface ExportRow {
  /** The vault's name or the file's name. */
  readonly source: string;
  readonly id: string;
  readonly type: string;
  readonly score: string;
  readonly band: string;
  readonly status: string;
  readonly reason: string;
  readonly text: string;
  /** ISO 8601, UTC. */
  readonly created: string;
  readonly updated: string;
  readonly accounts: readonly string[];
  readonly users: readonly string[];
  readonly sources: readonly string[];
  readonly targets: readonly string[];
  /** The commands typed in PSM sessions, each once. */
  readonly commands: readonly string[];
}

/** `join`: how a list is written in one cell; commands get a line each, as a `; ` is part of many. */
export const EXPORT_COLUMNS: ReadonlyArray<{ key: keyof ExportRow; title: string; join?: string }> = [
  { key: 'source', title: 'vault or file' },
  { key: 'id', title: 'id' },
  { key: 'type', title: 'type' },
  { key: 'score', title: 'score' },
  { key: 'band', title: 'band' },
  { key: 'status', title: 'status' },
  { key: 'reason', title: 'reason' },
  { key: 'text', title: 'text' },
  { key: 'created', title: 'created' },
  { key: 'updated', title: 'updated' },
  { key: 'accounts', title: 'accounts' },
  { key: 'users', title: 'users' },
  { key: 'sources', title: 'source hosts' },
  { key: 'targets', title: 'target hosts' },
  { key: 'commands', title: 'PSM commands', join: '\n' },
];

export function exportRow({ event, source }: ExportedEvent): ExportRow {
  const closed = event.status === 'CLOSED';
  return {
    source,
    id: event.id,
    type: readableEventType(event.type),
    score: formatScore(event.score),
    band: riskBand(event.score),
    status: closed ? 'closed' : 'open',
    reason: (closed && readableCloseReason(event.closeReason)) || '',
    text: (closed && event.reasonText) || '',
    created: isoTime(event.createTime),
    updated: isoTime(event.lastUpdateTime),
    accounts: distinctAuditValues(event, (a) => a.account ?? a.accountId),
    users: distinctAuditValues(event, (a) => a.vaultUser),
    sources: distinctHosts(event, (a) => a.source),
    targets: distinctHosts(event, (a) => a.target),
    commands: distinctAuditValues(event, (a) => a.psmCommand),
  };
}

/** Each host once, however many spellings of it the audits carry. */
function distinctHosts(event: PtaEvent, pick: (audit: PtaAudit) => PtaAddress | undefined): string[] {
  const byKey = new Map<string, string>();
  for (const audit of eventAudits(event)) {
    const address = pick(audit);
    const key = address && hostIdentity(address)?.key;
    const label = formatAddress(address);
    if (key && label && !byKey.has(key)) byKey.set(key, label);
  }
  return [...byKey.values()];
}

function isoTime(ms: number | undefined): string {
  if (!ms) return '';
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
