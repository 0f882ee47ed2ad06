import * as vscode from 'vscode';
import { readSettings } from '../config';
import { EventStatus, PtaEvent } from '../model/ptaEvent';
import { EventRef } from '../sources/eventSource';
import { SourcedEvent } from '../sources/eventSources';
import { VaultSource } from '../sources/vault/vaultSource';
import { Services } from '../services';
import { BulkProgress } from '../triage/bulkRunner';
import { hasUnchangedEvents, SummaryExtras, TriageAction, triageReport, triageSummary } from '../triage/bulkReport';
import { combineOutcomes, eventsBySource, TriageOutcome, TriageRequest } from '../triage/bulkTriage';
import { InFlightTriage } from '../triage/inFlight';
import { planUndo } from '../triage/undoPlan';
import * as inertWindow from '../ui/inertWindow';
import { eventName } from './eventTargets';
import { TriageReports } from './triageReports';

export type FailedRef = EventRef & { readonly message: string };

/** What a close or reopen did, returned to callers (and tests) as well as shown. Each event is in exactly one list. */
export interface TriageResult {
  readonly succeeded: EventRef[];
  readonly failed: FailedRef[];
  /** Sent, but the answer was lost: those vaults are refreshed to show what is true. */
  readonly outcomeUnknown: FailedRef[];
  readonly notSent: EventRef[];
  /** Changed in the vault after they were chosen (closed or reopened by someone else): left alone, not sent. */
  readonly changedSince: EventRef[];
  /** An earlier close or reopen of these was still on its way: not sent again. */
  readonly inProgress: EventRef[];
  /** Undo only: their vault could not be asked for their state, so nothing was sent for them. */
  readonly unverified: EventRef[];
  readonly cancelled: boolean;
  /** Why a vault's batch stopped early (signing in again failed), when one did. */
  readonly stopped?: string;
}

/** Nothing was sent: the person cancelled a prompt, or the input was refused. */
export const NOTHING_SENT: TriageResult = { succeeded: [], failed: [], outcomeUnknown: [], notSent: [], changedSince: [], inProgress: [], unverified: [], cancelled: true };

/** One vault's share of a batch. */
export interface VaultRequests {
  readonly vault: VaultSource;
  readonly requests: readonly TriageRequest[];
}

interface VaultOutcome {
  readonly vault: VaultSource;
  readonly outcome: TriageOutcome;
}

interface RunOptions {
  /** This batch undoes an earlier one: its summary offers no Undo. */
  readonly undoing?: boolean;
  /** The vaults were just refreshed and each event's state checked (Undo's plan does it): no second refresh. */
  readonly confirmed?: boolean;
  /** Undo only: events left alone because they changed since the action undone. */
  readonly leftAlone?: PtaEvent[];
  /** Undo only: events whose vault could not be refreshed, and why. */
  readonly unverified?: ReadonlyArray<{ readonly vault: VaultSource; readonly event: PtaEvent; readonly reason: string }>;
}

/** One request with its vault, as the in-flight registry keys it. */
type SourcedRequest = EventRef & { readonly vault: VaultSource; readonly request: TriageRequest };

/** What confirming the state before sending found. */
interface Confirmed {
  readonly batches: VaultRequests[];
  readonly changedSince: SourcedRequest[];
}

/** The status an event must still have for the action to make sense. */
const EXPECTED: Record<TriageAction, EventStatus> = { close: 'OPEN', reopen: 'CLOSED' };

const DONE: Record<TriageAction, string> = { close: 'Closed', reopen: 'Reopened' };
const DOING: Record<TriageAction, string> = { close: 'Closing', reopen: 'Reopening' };
const UNDO = 'Undo';
const SHOW_REPORT = 'Show Report';
const RETRY = 'Retry';

/**
 * Sends a close or reopen of any number of events, each vault's share side by side through its own
 * session, under one cancellable progress notification; then says exactly what happened, offering
 * Undo, a report of what did not change, or Retry for a single failure.
 */
export class TriageBatches {
  private readonly inFlight = new InFlightTriage();
  /** The last batch that changed something, for Undo Last Triage while it can still be undone. */
  private readonly last = new LastTriage();

  constructor(
    private readonly services: Services,
    private readonly reports: TriageReports,
  ) {}

  /** Undo Last Triage: the same Undo as the summary's button, for the last batch that changed something. */
  async undoLast(): Promise<TriageResult> {
    const last = this.last.take();
    if (!last) {
      void inertWindow.showInformationMessage('There is no close or reopen to undo.');
      return NOTHING_SENT;
    }
    return this.undo(last.action, last.outcomes);
  }

  /** The chosen events by vault, in the order given; the targets were chosen as needing triage, which only vaults can do. */
  byVault(events: readonly SourcedEvent[], toRequests: (events: PtaEvent[]) => TriageRequest[]): VaultRequests[] {
    return [...eventsBySource(events)].map(([sourceId, list]) => {
      const vault = this.services.vaults.get(sourceId);
      if (!vault) throw new Error(`${sourceId} cannot change events.`);
      return { vault, requests: toRequests(list) };
    });
  }

  /**
   * Sends each event once: an event repeated counts once, and one whose earlier close or reopen is
   * still on its way is not sent again. Each vault involved is first refreshed once, and an event
   * whose status changed meanwhile (closed or reopened by someone else) is left alone, never
   * overwritten. When that refresh fails the events are sent as last known: the vault's own answer
   * to each change is what the list then shows. Undo confirms its state itself, before planning.
   */
  async run(action: TriageAction, batches: readonly VaultRequests[], options: RunOptions = {}): Promise<TriageResult> {
    const { claimed, busy } = this.inFlight.claim(batches.flatMap(({ vault, requests }) => requests.map((request) => ({ sourceId: vault.id, eventId: request.event.id, vault, request }))));
    try {
      const confirmed = options.confirmed ? { batches: regroup(claimed), changedSince: [] } : await this.confirmState(action, claimed);
      for (const { vault, requests } of confirmed.batches) this.services.view.holdPlaces(vault.id, requests.map((r) => r.event));
      const outcomes = confirmed.batches.length > 0 ? await this.send(action, confirmed.batches, options) : [];
      this.last.record(action, outcomes, options);
      for (const { vault, outcome } of outcomes) {
        for (const { event, message } of outcome.failed) this.services.log.warn(`${DOING[action]} ${event.id} in ${vault.label} failed: ${message}`);
        for (const { event, message } of outcome.outcomeUnknown) this.services.log.warn(`${DOING[action]} ${event.id} in ${vault.label}: ${message}`);
        // What happened to those is only known to the vault: ask it.
        if (outcome.outcomeUnknown.length > 0) void vault.refresh.refresh();
      }
      const skipped = { changedSince: confirmed.changedSince, inProgress: busy };
      // Not awaited: the summary waits for the person, the caller does not.
      void this.tell(action, confirmed.batches, outcomes, options, skipped);
      return resultOf(outcomes, skipped, options);
    } finally {
      this.inFlight.release(claimed);
    }
  }

  /** Refreshes each vault involved once, then keeps the requests whose event still has the status the action expects. */
  private async confirmState(action: TriageAction, requests: readonly SourcedRequest[]): Promise<Confirmed> {
    const vaults = [...new Set(requests.map(({ vault }) => vault))];
    await Promise.all(vaults.map((vault) => vault.refresh.refresh()));
    const kept: SourcedRequest[] = [];
    const changedSince: SourcedRequest[] = [];
    for (const item of requests) {
      const now = item.vault.store.get(item.eventId);
      if (now && now.status === EXPECTED[action]) kept.push({ ...item, request: { ...item.request, event: now } });
      else changedSince.push(item);
    }
    for (const { vault, eventId } of changedSince) this.services.log.info(`${DOING[action]} ${eventId} in ${vault.label}: left alone, it changed in the vault since it was chosen.`);
    return { batches: regroup(kept), changedSince };
  }

  private send(action: TriageAction, batches: readonly VaultRequests[], options: RunOptions): Thenable<VaultOutcome[]> {
    const total = batches.reduce((n, b) => n + b.requests.length, 0);
    const subject = total === 1 ? this.name(batches[0].vault, batches[0].requests[0].event) : `${total.toLocaleString('en-US')} events`;
    const title = `${DOING[action]} ${subject}${options.undoing ? ' (Undo)' : ''}`;
    const concurrency = readSettings().bulkConcurrency;
    return inertWindow.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: total > 1 },
      (progress, token) => {
        const done = new Map<VaultSource, number>();
        let reported = 0;
        const onProgress = (vault: VaultSource) => (p: BulkProgress) => {
          done.set(vault, p.done);
          const all = [...done.values()].reduce((a, b) => a + b, 0);
          if (total === 1 || all === reported) return;
          progress.report({ message: `${all.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`, increment: ((all - reported) * 100) / total });
          reported = all;
        };
        return Promise.all(
          batches.map(async ({ vault, requests }) => ({ vault, outcome: await vault.triage(requests, { concurrency, cancel: token, onProgress: onProgress(vault) }) })),
        );
      },
    );
  }

  /** Shows the summary before its first await, so it is on screen when run() returns. */
  private async tell(action: TriageAction, batches: readonly VaultRequests[], outcomes: readonly VaultOutcome[], options: RunOptions, skipped: Skipped): Promise<void> {
    const combined = combineOutcomes(outcomes.map(({ vault, outcome }) => (outcomes.length > 1 && outcome.stopped !== undefined ? { ...outcome, stopped: `${vault.label}: ${outcome.stopped}` } : outcome)));
    const extras: SummaryExtras = {
      leftAlone: [...(options.leftAlone ?? []), ...skipped.changedSince.map(({ request }) => request.event)],
      inProgress: skipped.inProgress.length,
      unverified: options.unverified?.map(({ vault, event, reason }) => ({ event, reason: `${vault.label}: ${reason}` })),
    };
    const message = triageSummary(action, combined, extras);
    this.services.log.info(message);
    const undoable = !options.undoing && combined.succeeded.length > 0;
    if (combined.total === 1 && !hasSkipped(extras) && combined.notSent.length === 0) {
      await this.tellOne(action, batches[0], outcomes[0].outcome, undoable, options);
      return;
    }
    const buttons = [...(undoable ? [UNDO] : []), ...(hasUnchangedEvents(combined, extras) ? [SHOW_REPORT] : [])];
    const show =
      combined.failed.length > 0 || combined.stopped !== undefined
        ? inertWindow.showErrorMessage
        : combined.outcomeUnknown.length > 0 || combined.notSent.length > 0 || hasSkipped(extras)
          ? inertWindow.showWarningMessage
          : inertWindow.showInformationMessage;
    const choice = await show(message, ...buttons);
    if (choice === UNDO) await this.undo(action, outcomes);
    else if (choice === SHOW_REPORT) await this.reports.open(`${action === 'close' ? 'Close' : 'Reopen'} report`, triageReport(action, combined, extras));
  }

  private async tellOne(action: TriageAction, batch: VaultRequests, outcome: TriageOutcome, undoable: boolean, options: RunOptions): Promise<void> {
    const { vault } = batch;
    const [request] = batch.requests;
    const name = this.name(vault, request.event);
    if (outcome.succeeded.length === 1) {
      // One reopen is told quietly; one close offers Undo, as closing the wrong event is the costly slip.
      if (!undoable || action === 'reopen') {
        inertWindow.setStatusBarMessage(`${DONE[action]} ${name}`, 4000);
        return;
      }
      const choice = await inertWindow.showInformationMessage(`${DONE[action]} ${name}.`, UNDO);
      if (choice === UNDO) await this.undo(action, [{ vault, outcome }]);
      return;
    }
    const [unknown] = outcome.outcomeUnknown;
    if (unknown) {
      void inertWindow.showWarningMessage(`${DOING[action]} ${name}: ${unknown.message}`);
      return;
    }
    const [failure] = outcome.failed;
    const choice = await inertWindow.showErrorMessage(`${DOING[action]} ${name} failed: ${failure.message} It is unchanged.`, RETRY);
    // The state is confirmed again before the retry is sent.
    if (choice === RETRY) await this.run(action, [{ vault, requests: [{ event: vault.store.get(request.event.id) ?? request.event, update: request.update }] }], { undoing: options.undoing });
  }

  /**
   * Sends the opposite change for exactly the events this batch changed, after bringing each vault's
   * list up to date: an event someone changed meanwhile is left alone and counted.
   */
  private async undo(action: TriageAction, outcomes: readonly VaultOutcome[]): Promise<TriageResult> {
    this.last.forget(outcomes);
    const refreshed = await Promise.all(outcomes.map(async ({ vault, outcome }) => ({ vault, outcome, verified: (await vault.refresh.refresh()) !== undefined })));
    // Only state the vault has just confirmed is planned from: an unverified event is never sent.
    const unverified = refreshed
      .filter(({ verified }) => !verified)
      .flatMap(({ vault, outcome }) => outcome.succeeded.map(({ after }) => ({ vault, event: after, reason: vault.refresh.current.lastError ?? 'signed out' })));
    const plans = refreshed.filter(({ verified }) => verified).map(({ vault, outcome }) => ({ vault, plan: planUndo(outcome, (id) => vault.store.get(id)) }));
    const leftAlone = plans.flatMap(({ plan }) => plan.changedSince);
    const batches = plans.filter(({ plan }) => plan.requests.length > 0).map(({ vault, plan }) => ({ vault, requests: plan.requests }));
    return this.run(action === 'close' ? 'reopen' : 'close', batches, { undoing: true, confirmed: true, leftAlone, unverified });
  }

  /** An event's name for titles and messages; the vault is named when there are several sources. */
  private name(vault: VaultSource, event: PtaEvent): string {
    return eventName(event, this.services.sources.all().length > 1 ? vault : undefined);
  }
}

interface Skipped {
  readonly changedSince: readonly SourcedRequest[];
  readonly inProgress: readonly SourcedRequest[];
}

function regroup(requests: readonly SourcedRequest[]): VaultRequests[] {
  const groups = new Map<VaultSource, TriageRequest[]>();
  for (const { vault, request } of requests) {
    const group = groups.get(vault);
    if (group) group.push(request);
    else groups.set(vault, [request]);
  }
  return [...groups].map(([vault, list]) => ({ vault, requests: list }));
}

function hasSkipped(extras: SummaryExtras): boolean {
  return (extras.leftAlone?.length ?? 0) + (extras.inProgress ?? 0) + (extras.unverified?.length ?? 0) > 0;
}

/**
 * The last close or reopen that changed something; Undo Last Triage is offered (the context key
 * `cyberarkPta.canUndoTriage`) while there is one. An Undo, from the command or a summary's button,
 * uses it up.
 */
class LastTriage {
  private batch: { action: TriageAction; outcomes: readonly VaultOutcome[] } | undefined;

  record(action: TriageAction, outcomes: readonly VaultOutcome[], options: RunOptions): void {
    if (options.undoing) this.set(undefined);
    else if (outcomes.some(({ outcome }) => outcome.succeeded.length > 0)) this.set({ action, outcomes });
  }

  take(): { action: TriageAction; outcomes: readonly VaultOutcome[] } | undefined {
    const batch = this.batch;
    this.set(undefined);
    return batch;
  }

  /** That batch is being undone (from its summary's button): no longer offered. */
  forget(outcomes: readonly VaultOutcome[]): void {
    if (this.batch?.outcomes.some((held) => outcomes.some((given) => given.outcome === held.outcome))) this.set(undefined);
  }

  private set(batch: LastTriage['batch']): void {
    this.batch = batch;
    void vscode.commands.executeCommand('setContext', 'cyberarkPta.canUndoTriage', !!batch);
  }
}

function resultOf(outcomes: readonly VaultOutcome[], skipped: Skipped, options: RunOptions): TriageResult {
  const ref = (vault: VaultSource, event: PtaEvent): EventRef => ({ sourceId: vault.id, eventId: event.id });
  const each = <T>(pick: (vault: VaultSource, outcome: TriageOutcome) => T[]) => outcomes.flatMap(({ vault, outcome }) => pick(vault, outcome));
  const refs = (list: readonly SourcedRequest[]) => list.map(({ sourceId, eventId }) => ({ sourceId, eventId }));
  return {
    succeeded: each((vault, o) => o.succeeded.map(({ after }) => ref(vault, after))),
    failed: each((vault, o) => o.failed.map(({ event, message }) => ({ ...ref(vault, event), message }))),
    outcomeUnknown: each((vault, o) => o.outcomeUnknown.map(({ event, message }) => ({ ...ref(vault, event), message }))),
    notSent: each((vault, o) => o.notSent.map((event) => ref(vault, event))),
    changedSince: refs(skipped.changedSince),
    inProgress: refs(skipped.inProgress),
    unverified: (options.unverified ?? []).map(({ vault, event }) => ref(vault, event)),
    cancelled: outcomes.some(({ outcome }) => outcome.cancelled),
    stopped: outcomes.find(({ outcome }) => outcome.stopped !== undefined)?.outcome.stopped,
  };
}
