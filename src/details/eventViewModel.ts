import { displayText, formatAge, formatScore, formatTime, readableAuditType, readableCloseReason, readableEventType, revealInvisibleInJson, RiskBand, riskBand } from '../model/format';
import { distinctAuditValues, eventAudits, formatAddress, PtaEvent } from '../model/ptaEvent';

/**
 * Everything the details page shows, as plain strings. The page renders these with
 * textContent only; invisible and direction-changing characters are already made visible.
 */
export interface EventViewModel {
  readonly id: string;
  readonly title: string;
  readonly type: string;
  readonly score: string;
  readonly risk: RiskBand;
  readonly status: 'OPEN' | 'CLOSED';
  readonly closeReason?: string;
  readonly reasonText?: string;
  readonly facts: ReadonlyArray<readonly [string, string]>;
  readonly additionalData: ReadonlyArray<readonly [string, string]>;
  readonly audits: ReadonlyArray<{ readonly title: string; readonly fields: ReadonlyArray<readonly [string, string]> }>;
  readonly rawJson: string;
  readonly canOpenInPvwa: boolean;
}

const VALUE_LIMIT = 2000;

export function buildEventViewModel(event: PtaEvent, now: number, canOpenInPvwa: boolean): EventViewModel {
  const list = (values: string[]) => values.map((v) => show(v)).join(', ');
  const facts: Array<[string, string]> = [
    ['Event ID', show(event.id)],
    ['Created', formatTime(event.createTime)],
    ['Last updated', `${formatTime(event.lastUpdateTime)} (${formatAge(event.lastUpdateTime, now)})`],
  ];
  const addFact = (label: string, values: string[]) => {
    if (values.length > 0) facts.push([label, list(values)]);
  };
  addFact('Accounts', distinctAuditValues(event, (a) => a.account ?? a.accountId));
  addFact('Vault users', distinctAuditValues(event, (a) => a.vaultUser));
  addFact('Sources', distinctAuditValues(event, (a) => formatAddress(a.source)));
  addFact('Targets', distinctAuditValues(event, (a) => formatAddress(a.target)));
  facts.push(['Audits', String(event.auditCount)]);

  return {
    id: event.id,
    title: show(readableEventType(event.type)),
    type: show(event.type),
    score: formatScore(event.score),
    risk: riskBand(event.score),
    status: event.status,
    closeReason: readableCloseReason(event.closeReason),
    reasonText: event.reasonText && show(event.reasonText),
    facts,
    additionalData: additionalDataRows(event.raw.additionalData),
    audits: eventAudits(event).map((audit) => ({
      title: show(audit.action ?? (audit.type ? readableAuditType(audit.type) : 'Audit')),
      fields: (
        [
          ['Time', audit.createTime ? formatTime(audit.createTime) : undefined],
          ['Type', audit.type],
          ['Sensor', audit.sensorType],
          ['Vault user', audit.vaultUser],
          ['Account', audit.account],
          ['Account ID', audit.accountId],
          ['Source', formatAddress(audit.source)],
          ['Target', formatAddress(audit.target)],
          ['Command', audit.psmCommand],
        ] as Array<[string, string | undefined]>
      )
        .filter((f): f is [string, string] => !!f[1])
        .map(([label, value]) => [label, show(value)] as const),
    })),
    rawJson: prettyJson(event.raw),
    canOpenInPvwa,
  };
}

export function prettyJson(raw: unknown): string {
  return revealInvisibleInJson(JSON.stringify(raw, null, 2));
}

function additionalDataRows(data: unknown): Array<[string, string]> {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  return Object.entries(data as Record<string, unknown>)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => [show(key), show(typeof value === 'string' ? value : JSON.stringify(value))]);
}

function show(value: string): string {
  return displayText(value, VALUE_LIMIT);
}
