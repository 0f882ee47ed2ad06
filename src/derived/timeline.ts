import { readableAuditType } from '../model/format';
import { eventAudits, PtaEvent } from '../model/ptaEvent';

/** One audit on the event's time axis. */
export interface AuditMark {
  /** Position in the event's audit list (what the panel's audit table shows). */
  readonly auditIndex: number;
  readonly time: number;
  /** Readable audit type, else the action; raw vault text, render as text. */
  readonly label: string;
  /** Milliseconds since the previous mark; undefined for the first. */
  readonly gapMs?: number;
}

export interface AuditTimeline {
  /** Oldest first. */
  readonly marks: readonly AuditMark[];
  /** Audits without a usable time, left off the axis. */
  readonly untimed: number;
}

/** The event's audits on a time axis, with the gaps between them. */
export function auditTimeline(event: PtaEvent): AuditTimeline {
  const audits = eventAudits(event);
  const timed = audits
    .map((audit, auditIndex) => ({ auditIndex, time: audit.createTime, label: audit.type ? readableAuditType(audit.type) : (audit.action ?? 'Audit') }))
    .filter((mark): mark is { auditIndex: number; time: number; label: string } => mark.time !== undefined)
    .sort((a, b) => a.time - b.time || a.auditIndex - b.auditIndex);
  const marks = timed.map((mark, i) => (i === 0 ? mark : { ...mark, gapMs: mark.time - timed[i - 1].time }));
  return { marks, untimed: audits.length - timed.length };
}

/** An entity's event on the loaded window's axis. */
export interface EventMark {
  readonly event: PtaEvent;
  /** When it happened: created, else last updated. */
  readonly time: number;
}

/** An entity's events (EntityIndex.events) on a time axis, oldest first. */
export function eventTimeline(events: readonly PtaEvent[]): EventMark[] {
  return events
    .map((event) => ({ event, time: event.createTime ?? event.lastUpdateTime }))
    .sort((a, b) => a.time - b.time || (a.event.id < b.event.id ? -1 : 1));
}
