import { displayText, readableEventType } from '../model/format';
import { PtaEvent } from '../model/ptaEvent';
import { markdownText } from '../util/markdownText';
import { TriageFailure, TriageOutcome } from './bulkTriage';

/**
 * The words for what a batch did: one short sentence for a notification, and a Markdown report
 * for a read-only document listing every event that did not change and why. Pure.
 */
export type TriageAction = 'close' | 'reopen';

export interface SummaryExtras {
  /** Events left alone because they changed in the vault since they were chosen (or since the action Undo undoes). */
  readonly leftAlone?: readonly PtaEvent[];
  /** Events not sent again because an earlier close or reopen of them was still on its way. */
  readonly inProgress?: number;
  /** Undo only: events whose state could not be confirmed (their vault's refresh failed), and why. */
  readonly unverified?: ReadonlyArray<{ readonly event: PtaEvent; readonly reason: string }>;
}

const DONE: Record<TriageAction, string> = { close: 'Closed', reopen: 'Reopened' };
const DOING: Record<TriageAction, string> = { close: 'Closing', reopen: 'Reopening' };

/** "Closed 997 of 1,000 events. 2 failed, 1 not sent (cancelled)." Plain text: the notification showing it makes it inert. */
export function triageSummary(action: TriageAction, outcome: TriageOutcome, extras: SummaryExtras = {}): string {
  const sentences = [outcome.total === 0 ? 'Nothing was sent.' : `${DONE[action]} ${count(outcome.succeeded.length)} of ${events(outcome.total)}.`];
  const problems: string[] = [];
  if (outcome.failed.length > 0) problems.push(`${count(outcome.failed.length)} failed`);
  if (outcome.outcomeUnknown.length > 0) problems.push(`${count(outcome.outcomeUnknown.length)} with an unknown outcome (sent, but the answer was lost)`);
  if (outcome.notSent.length > 0) problems.push(`${count(outcome.notSent.length)} not sent${outcome.cancelled ? ' (cancelled)' : ''}`);
  if (problems.length > 0) sentences.push(`${capitalise(problems.join(', '))}.`);
  if (outcome.stopped !== undefined) sentences.push(`Stopped: ${endWithPeriod(displayText(outcome.stopped, 200))}`);
  const leftAlone = extras.leftAlone?.length ?? 0;
  if (leftAlone > 0) sentences.push(`${capitalise(events(leftAlone))} changed in the vault since and ${leftAlone === 1 ? 'was' : 'were'} left alone.`);
  if (extras.inProgress) sentences.push(`${capitalise(events(extras.inProgress))} already being ${action === 'close' ? 'closed' : 'reopened'} by an earlier request ${extras.inProgress === 1 ? 'was' : 'were'} not sent again.`);
  const unverified = extras.unverified ?? [];
  if (unverified.length > 0) {
    sentences.push(`${capitalise(events(unverified.length))} could not be checked, so nothing was sent for ${unverified.length === 1 ? 'it' : 'them'}: ${endWithPeriod(displayText(unverified[0].reason, 200))}`);
  }
  return sentences.join(' ');
}

/** True when the report has something to list beyond the summary. */
export function hasUnchangedEvents(outcome: TriageOutcome, extras: SummaryExtras = {}): boolean {
  return outcome.failed.length + outcome.outcomeUnknown.length + outcome.notSent.length + (extras.leftAlone?.length ?? 0) + (extras.unverified?.length ?? 0) > 0;
}

/** Markdown for a read-only document: the summary, then every event that failed, may have changed, or was not sent. */
export function triageReport(action: TriageAction, outcome: TriageOutcome, extras: SummaryExtras = {}): string {
  const lines = [`# ${DOING[action]} ${events(outcome.total)}`, '', markdownText(triageSummary(action, outcome, extras))];
  section(lines, `Failed (${count(outcome.failed.length)})`, 'These were refused and are unchanged.', failureTable(outcome.failed));
  section(
    lines,
    `Outcome unknown (${count(outcome.outcomeUnknown.length)})`,
    'These were sent, but the answer was lost: the vault may or may not have applied the change. Refresh to see their state.',
    failureTable(outcome.outcomeUnknown),
  );
  section(
    lines,
    `Not sent (${count(outcome.notSent.length)})`,
    outcome.cancelled ? 'Cancelled before these were sent; they are unchanged.' : 'The batch stopped before these were sent; they are unchanged.',
    eventTable(outcome.notSent),
  );
  section(
    lines,
    `Changed since (${count(extras.leftAlone?.length ?? 0)})`,
    'These changed in the vault after they were chosen (someone closed, reopened or updated them): they were left as they are.',
    eventTable(extras.leftAlone ?? []),
  );
  section(
    lines,
    `Not checked (${count(extras.unverified?.length ?? 0)})`,
    'Their vault could not be asked for their current state, so nothing was sent for them.',
    failureTable((extras.unverified ?? []).map(({ event, reason }) => ({ event, message: reason }))),
  );
  return `${lines.join('\n')}\n`;
}

function section(lines: string[], title: string, explanation: string, table: string[]): void {
  if (table.length <= 2) return;
  lines.push('', `## ${title}`, '', explanation, '', ...table);
}

function failureTable(failures: readonly TriageFailure[]): string[] {
  return ['| Event | ID | Reason |', '| --- | --- | --- |', ...failures.map(({ event, message }) => `| ${eventCells(event)} | ${cell(message, 300)} |`)];
}

function eventTable(list: readonly PtaEvent[]): string[] {
  return ['| Event | ID |', '| --- | --- |', ...list.map((event) => `| ${eventCells(event)} |`)];
}

function eventCells(event: PtaEvent): string {
  return `${cell(readableEventType(event.type), 120)} | ${cell(event.id, 80)}`;
}

/** Vault text in a table cell: invisible characters shown, long values cut, nothing read as Markdown. */
function cell(value: string, maxLength: number): string {
  return markdownText(displayText(value, maxLength));
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function events(n: number): string {
  return `${count(n)} ${n === 1 ? 'event' : 'events'}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function endWithPeriod(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}
