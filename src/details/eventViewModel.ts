import { auditActor, auditFacts, auditHeadline, auditRoute, eventFacts, eventHostNames, eventShortName, eventStatusText, Fact, PAGE_LIMITS } from '../model/eventFacts';
import { displayText, formatScore, formatTime, readableCloseReason, readableEventType, revealInvisibleInJson, RiskBand, riskBand } from '../model/format';
import { eventAudits, PtaEvent } from '../model/ptaEvent';
import type { EntityView, MemoryView, RelatedEventsView, TimelineView } from './eventContextView';

/**
 * Everything the details page shows, as plain strings. The page renders these with
 * textContent only; invisible and direction-changing characters are already made visible.
 * The context around the event (triage memory, entities, related events, timeline) comes from
 * its source's entity index (eventContextView.ts) as optional fields, each rendered by its own
 * function in media/details.js.
 */
export interface EventViewModel {
  readonly id: string;
  /** Type and short id ("Golden Ticket · 5f1e…78"): the tab title and the page heading. */
  readonly title: string;
  /** The readable type alone. */
  readonly typeName: string;
  /** The type as the vault wrote it. */
  readonly type: string;
  readonly score: string;
  readonly risk: RiskBand;
  readonly status: 'OPEN' | 'CLOSED';
  /** "Open", "Closed · False positive". */
  readonly statusText: string;
  readonly closeReason?: string;
  readonly reasonText?: string;
  readonly facts: readonly Fact[];
  readonly additionalData: readonly Fact[];
  readonly audits: readonly AuditView[];
  /** Few audits are shown expanded, many as a compact table. */
  readonly auditLayout: 'expanded' | 'table';
  readonly rawJson: string;
  /** Epoch-millisecond numbers in rawJson, as they are written there, with their date: shown beside them. */
  readonly rawJsonTimes: ReadonlyArray<readonly [literal: string, time: string]>;
  readonly canOpenInPvwa: boolean;
  /** An open event's closed look-alikes: how they were closed. */
  readonly memory?: MemoryView;
  readonly entities?: readonly EntityView[];
  readonly related?: RelatedEventsView;
  readonly timeline?: TimelineView;
  /** Close and Reopen are offered: the event belongs to a signed-in vault. */
  readonly canTriage: boolean;
}

/** What the page may offer for the event, which depends on its source. */
export interface EventActions {
  readonly canOpenInPvwa: boolean;
  readonly canTriage: boolean;
}

export interface AuditView {
  /** The typed command, else the action. */
  readonly title: string;
  readonly isCommand: boolean;
  /** "jsmith as Administrator@web-prod-33". */
  readonly actor?: string;
  /** "erp-dev-27.corp (10.25.171.60) → dc-prod-05.corp (10.1.109.150)". */
  readonly route?: string;
  readonly time?: string;
  /** The audit's other facts: those not already in its title, actor and route. */
  readonly fields: readonly Fact[];
}

/** Facts an audit's actor and route already show. */
const IN_HEADING = new Set(['Vault user', 'Account', 'Source', 'Target']);

/** Up to this many audits are shown expanded; more become a table. */
export const EXPANDED_AUDITS_MAX = 5;

// Epoch milliseconds from 2000 to 2100: a number in this range in an event is a time.
const EARLIEST_TIME_MS = 946_684_800_000;
const LATEST_TIME_MS = 4_102_444_800_000;

export function buildEventViewModel(event: PtaEvent, now: number, actions: EventActions): EventViewModel {
  const hostName = eventHostNames(event);
  const audits = eventAudits(event).map(
    (audit): AuditView => ({
      title: auditHeadline(audit, PAGE_LIMITS.value),
      isCommand: audit.psmCommand !== undefined,
      actor: auditActor(audit, PAGE_LIMITS.value),
      route: auditRoute(audit, PAGE_LIMITS.value, hostName),
      time: audit.createTime ? formatTime(audit.createTime) : undefined,
      fields: auditFacts(audit, PAGE_LIMITS).filter(([label]) => !IN_HEADING.has(label) && label !== (audit.psmCommand ? 'Command' : 'Action')),
    }),
  );
  return {
    id: event.id,
    title: eventShortName(event),
    typeName: displayText(readableEventType(event.type), PAGE_LIMITS.value),
    type: displayText(event.type, PAGE_LIMITS.value),
    score: formatScore(event.score),
    risk: riskBand(event.score),
    status: event.status,
    statusText: eventStatusText(event),
    closeReason: readableCloseReason(event.closeReason),
    reasonText: event.reasonText && show(event.reasonText),
    facts: eventFacts(event, now, PAGE_LIMITS),
    additionalData: additionalDataRows(event.raw.additionalData),
    audits,
    auditLayout: audits.length <= EXPANDED_AUDITS_MAX ? 'expanded' : 'table',
    rawJson: prettyJson(event.raw),
    rawJsonTimes: epochTimes(event.raw),
    canOpenInPvwa: actions.canOpenInPvwa,
    canTriage: actions.canTriage,
  };
}

export function prettyJson(raw: unknown): string {
  return revealInvisibleInJson(JSON.stringify(raw, null, 2));
}

/** Every whole number in the data that reads as an epoch-millisecond time, once, with its formatted time. */
export function epochTimes(raw: unknown): Array<[string, string]> {
  const found = new Map<string, string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'number') {
      if (Number.isInteger(value) && value >= EARLIEST_TIME_MS && value < LATEST_TIME_MS) found.set(JSON.stringify(value), formatTime(value));
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(visit);
    }
  };
  visit(raw);
  return [...found];
}

function additionalDataRows(data: unknown): Fact[] {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  return Object.entries(data as Record<string, unknown>)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => [show(key), show(typeof value === 'string' ? value : JSON.stringify(value))]);
}

function show(value: string): string {
  return displayText(value, PAGE_LIMITS.value);
}
