import { PvwaError } from '../api/errors';
import { CloseReason, EventUpdate, PvwaClient } from '../api/pvwaClient';
import { normalizeEvent, PtaEvent } from '../model/ptaEvent';
import { AnswerBatches } from './answerBatches';
import { BulkOptions, runBulk } from './bulkRunner';

/** What sends a vault call with a live token, renewing the session once for all callers: Session.call. */
export interface VaultCaller {
  call<T>(fn: (client: PvwaClient, token: string) => Promise<T>): Promise<T>;
}

export interface TriageRequest {
  /** The event as it was before the change. */
  readonly event: PtaEvent;
  readonly update: EventUpdate;
}

export interface TriageFailure {
  readonly event: PtaEvent;
  /** One plain sentence; may quote the vault (untrusted). */
  readonly message: string;
}

/** Exactly what a close or reopen of many events did; every request is in exactly one list. */
export interface TriageOutcome {
  readonly total: number;
  /** The event before, and as the vault answered after. */
  readonly succeeded: ReadonlyArray<{ readonly before: PtaEvent; readonly after: PtaEvent }>;
  /** Unchanged, unless the vault answered with the event in its old state (then `onAnswer` saw it). */
  readonly failed: readonly TriageFailure[];
  /** Sent, but the answer was lost: fetch these again rather than assume either state. */
  readonly outcomeUnknown: readonly TriageFailure[];
  readonly notSent: readonly PtaEvent[];
  readonly cancelled: boolean;
  /** Why the batch stopped before the end (signing in again failed), when it did. */
  readonly stopped?: string;
}

export interface TriageOptions extends BulkOptions {
  /** Each event as the vault answered, as soon as it answers: put it in the store. */
  onAnswer?(event: PtaEvent): void;
}

export function closeRequests(events: readonly PtaEvent[], closeReason: Exclude<CloseReason, 'NONE'>, reasonText: string): TriageRequest[] {
  return events.map((event) => ({ event, update: { mStatus: 'CLOSED', closeReason, reasonText } }));
}

export function reopenRequests(events: readonly PtaEvent[]): TriageRequest[] {
  return events.map((event) => ({ event, update: { mStatus: 'OPEN', closeReason: 'NONE' } }));
}

/** The events by source id, in the order given: one list per source, each event appended once. */
export function eventsBySource(events: Iterable<{ readonly source: { readonly id: string }; readonly event: PtaEvent }>): Map<string, PtaEvent[]> {
  const groups = new Map<string, PtaEvent[]>();
  for (const { source, event } of events) {
    let list = groups.get(source.id);
    if (!list) groups.set(source.id, (list = []));
    list.push(event);
  }
  return groups;
}

/** Sends every change through the session, side by side (see runBulk), and sorts out what happened. */
export async function triageEvents(vault: VaultCaller, requests: readonly TriageRequest[], options: TriageOptions): Promise<TriageOutcome> {
  const outcome = await runBulk(requests, (request) => sendOne(vault, request, options.onAnswer), options);
  const failures = (list: ReadonlyArray<{ item: TriageRequest; message: string }>) => list.map(({ item, message }) => ({ event: item.event, message }));
  return {
    total: requests.length,
    succeeded: outcome.succeeded.map(({ item, result }) => ({ before: item.event, after: result })),
    failed: failures(outcome.failed),
    outcomeUnknown: failures(outcome.outcomeUnknown),
    notSent: outcome.notSent.map((item) => item.event),
    cancelled: outcome.cancelled,
    stopped: outcome.stopped,
  };
}

/**
 * triageEvents with each answer put into the store as the truth, so a change the vault refused is
 * never shown as done; answers arriving together go in as one change, and every one is in before this resolves.
 */
export async function triageIntoStore(vault: VaultCaller, store: { upsertAll(events: readonly PtaEvent[]): unknown }, requests: readonly TriageRequest[], options: BulkOptions): Promise<TriageOutcome> {
  const answers = new AnswerBatches((events) => store.upsertAll(events));
  try {
    return await triageEvents(vault, requests, { ...options, onAnswer: (event) => answers.add(event) });
  } finally {
    answers.flush();
  }
}

/** Several vaults' outcomes as one, for one summary: lists joined in order, cancelled if any was, the first reason to stop. */
export function combineOutcomes(outcomes: readonly TriageOutcome[]): TriageOutcome {
  return {
    total: outcomes.reduce((n, o) => n + o.total, 0),
    succeeded: outcomes.flatMap((o) => o.succeeded),
    failed: outcomes.flatMap((o) => o.failed),
    outcomeUnknown: outcomes.flatMap((o) => o.outcomeUnknown),
    notSent: outcomes.flatMap((o) => o.notSent),
    cancelled: outcomes.some((o) => o.cancelled),
    stopped: outcomes.find((o) => o.stopped !== undefined)?.stopped,
  };
}

async function sendOne(vault: VaultCaller, { event, update }: TriageRequest, onAnswer: TriageOptions['onAnswer']): Promise<PtaEvent> {
  const answer = await vault.call((client, token) => client.updateEvent(token, event.id, update));
  const updated = normalizeEvent(answer);
  if (!updated || updated.id !== event.id) {
    throw new PvwaError('invalidResponse', 'The vault answered with a different or unreadable event; refresh to see its state.');
  }
  onAnswer?.(updated);
  if (updated.status !== update.mStatus) {
    throw new PvwaError('invalidResponse', `The vault kept the event ${updated.status === 'OPEN' ? 'open' : 'closed'}.`);
  }
  return updated;
}
