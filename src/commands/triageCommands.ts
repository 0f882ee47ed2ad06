import * as vscode from 'vscode';
import { describeError } from '../api/errors';
import { CloseReason, EventUpdate } from '../api/pvwaClient';
import { CLOSE_REASONS, isCloseReason, REASON_TEXT_MAX, reasonTextProblem } from '../model/closeReason';
import { EventStatus } from '../model/ptaEvent';
import { EventRef, refKey } from '../sources/eventSource';
import { SourcedEvent } from '../sources/eventSources';
import { Services } from '../services';
import { eventName, targetEvents } from './eventTargets';
import { inertNotification, inertStatusBar } from '../util/inertText';

/** What a close or reopen achieved, returned to callers (and tests) as well as shown. */
export interface TriageOutcome {
  readonly succeeded: EventRef[];
  readonly failed: Array<EventRef & { readonly message: string }>;
  readonly cancelled: boolean;
}

/**
 * Arguments for a keybinding, a script or Close the Same Way: which events (`sourceId` may be left
 * out while the ids are found in one vault only), and optionally the reason and text. With
 * `confirm`, the text is offered for the analyst to accept or edit instead of being sent as is.
 */
interface TriageArgs {
  eventIds: string[];
  sourceId?: string;
  reason?: unknown;
  text?: unknown;
  confirm?: boolean;
}

type Verb = 'Closing' | 'Reopening';

const NOTHING: TriageOutcome = { succeeded: [], failed: [], cancelled: true };

export function registerTriageCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('cyberarkPta.closeEvent', (arg: unknown, selection: unknown) => closeEvents(services, arg, selection)),
    vscode.commands.registerCommand('cyberarkPta.reopenEvent', (arg: unknown, selection: unknown) => reopenEvents(services, arg, selection)),
  ];
}

/** The events a triage command acts on: from its arguments, else the one target-choosing path. */
async function triageTargets(services: Services, arg: unknown, selection: unknown, status: EventStatus, placeHolder: string): Promise<SourcedEvent[] | undefined> {
  const args = asTriageArgs(arg);
  if (!args) return targetEvents(services, arg, selection, { status, needs: 'triage', allowMany: true, placeHolder });
  const found: SourcedEvent[] = [];
  for (const eventId of args.eventIds) {
    const matches = services.sources
      .all()
      .filter((s) => s.capabilities.triage && (!args.sourceId || s.id === args.sourceId))
      .map((source) => services.sources.resolve({ sourceId: source.id, eventId }))
      .filter((m): m is SourcedEvent => !!m);
    if (matches.length > 1) {
      void vscode.window.showErrorMessage(inertNotification(`Event ${eventId} exists in several vaults; give "sourceId" to say which. Nothing was sent.`));
      return undefined;
    }
    if (matches[0]?.event.status === status) found.push(matches[0]);
  }
  if (found.length === 0) void vscode.window.showWarningMessage(`None of the given events is ${status === 'OPEN' ? 'open' : 'closed'}.`);
  return found;
}

async function closeEvents(services: Services, arg: unknown, selection: unknown): Promise<TriageOutcome> {
  const args = asTriageArgs(arg);
  const events = await triageTargets(services, arg, selection, 'OPEN', 'Close which open event?');
  if (!events || events.length === 0) return NOTHING;
  const subject = events.length === 1 ? name(services, events[0]) : `${events.length} events`;
  if (events.length > 1 && !args) {
    const confirm = `Close ${events.length} Events`;
    const answer = await vscode.window.showWarningMessage(
      `Close ${events.length} events in the vault?`,
      { modal: true, detail: 'You choose one reason and text for all of them. Each is closed with its own request.' },
      confirm,
    );
    if (answer !== confirm) return NOTHING;
  }
  const reason = isCloseReason(args?.reason) ? args.reason : await pickReason(subject);
  if (!reason) return NOTHING;
  const given = typeof args?.text === 'string' ? args.text : undefined;
  const text = given !== undefined && !args?.confirm ? given : await enterReasonText(subject, reason, given);
  if (text === undefined) return NOTHING;
  const problem = reasonTextProblem(text, reason);
  if (problem) {
    void vscode.window.showErrorMessage(`Nothing was sent: ${problem}`);
    return NOTHING;
  }
  return applyToAll(services, events, { mStatus: 'CLOSED', closeReason: reason, reasonText: text.trim() }, 'Closing');
}

async function reopenEvents(services: Services, arg: unknown, selection: unknown): Promise<TriageOutcome> {
  const args = asTriageArgs(arg);
  const events = await triageTargets(services, arg, selection, 'CLOSED', 'Reopen which closed event?');
  if (!events || events.length === 0) return NOTHING;
  if (events.length > 1 && !args) {
    const confirm = `Reopen ${events.length} Events`;
    const answer = await vscode.window.showWarningMessage(`Reopen ${events.length} events in the vault?`, { modal: true }, confirm);
    if (answer !== confirm) return NOTHING;
  }
  return applyToAll(services, events, { mStatus: 'OPEN', closeReason: 'NONE' }, 'Reopening');
}

async function pickReason(subject: string): Promise<Exclude<CloseReason, 'NONE'> | undefined> {
  const picked = await vscode.window.showQuickPick(
    CLOSE_REASONS.map((r) => ({ label: r.label, description: r.value, detail: r.detail, value: r.value })),
    { title: `Close ${subject} (1/2): reason`, placeHolder: 'Why is it closed?', ignoreFocusOut: true },
  );
  return picked?.value;
}

async function enterReasonText(subject: string, reason: CloseReason, prefill?: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: `Close ${subject} (2/2): text`,
    value: prefill,
    prompt: `Describe what was done (at most ${REASON_TEXT_MAX} characters${reason === 'OTHER' ? ', required for Other' : ''}).`,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const problem = reasonTextProblem(value, reason);
      if (problem) return problem;
      const left = REASON_TEXT_MAX - value.trim().length;
      return { message: `${left} character${left === 1 ? '' : 's'} left`, severity: vscode.InputBoxValidationSeverity.Info };
    },
  });
}

/**
 * Sends one PATCH per event (never retried blindly) and moves each event with the vault's own
 * answer. A failure changes nothing locally; a single failure offers Retry.
 */
async function applyToAll(services: Services, events: SourcedEvent[], update: EventUpdate, verb: Verb): Promise<TriageOutcome> {
  const outcome: TriageOutcome = { succeeded: [], failed: [], cancelled: false };
  const title = `${verb} ${events.length === 1 ? name(services, events[0]) : `${events.length} events`}`;
  const cancelled = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: inertNotification(title), cancellable: events.length > 1 },
    async (progress, token) => {
      for (const [index, { source, event }] of events.entries()) {
        if (token.isCancellationRequested) return true;
        if (events.length > 1) progress.report({ message: `${index + 1} of ${events.length}`, increment: 100 / events.length });
        try {
          const vault = services.vaults.get(source.id);
          if (!vault) throw new Error(`${source.label} cannot change events.`);
          await vault.updateEvent(event.id, update);
          outcome.succeeded.push({ sourceId: source.id, eventId: event.id });
        } catch (error) {
          outcome.failed.push({ sourceId: source.id, eventId: event.id, message: describeError(error) });
          services.log.warn(`${verb} ${event.id} in ${source.label} failed: ${describeError(error)}`);
        }
      }
      return false;
    },
  );
  const result = { ...outcome, cancelled };
  void report(services, events, update, verb, result);
  return result;
}

async function report(services: Services, events: SourcedEvent[], update: EventUpdate, verb: Verb, outcome: TriageOutcome): Promise<void> {
  const done = verb === 'Closing' ? 'Closed' : 'Reopened';
  const names = new Map(events.map((e) => [refKey({ sourceId: e.source.id, eventId: e.event.id }), name(services, e)]));
  if (events.length === 1) {
    if (outcome.succeeded.length === 1) {
      vscode.window.setStatusBarMessage(inertStatusBar(`${done} ${names.get(refKey(outcome.succeeded[0]))}`), 4000);
      return;
    }
    const failure = outcome.failed[0];
    const choice = await vscode.window.showErrorMessage(inertNotification(`${verb} ${names.get(refKey(failure))} failed: ${failure.message} It is unchanged.`), 'Retry');
    if (choice === 'Retry') {
      const current = services.sources.resolve({ sourceId: events[0].source.id, eventId: events[0].event.id }) ?? events[0];
      await applyToAll(services, [current], update, verb);
    }
    return;
  }
  const notDone = events.length - outcome.succeeded.length - outcome.failed.length;
  const parts = [`${done} ${outcome.succeeded.length} of ${events.length} events.`];
  if (outcome.failed.length > 0) {
    parts.push(`${outcome.failed.length} failed and are unchanged: ${outcome.failed.map((f) => `${names.get(refKey(f))}: ${f.message}`).join('; ')}`);
  }
  if (notDone > 0) parts.push(`${notDone} not sent (cancelled).`);
  const message = inertNotification(parts.join(' '));
  if (outcome.failed.length > 0) void vscode.window.showErrorMessage(message);
  else void vscode.window.showInformationMessage(message);
}

/** An event's name for prompts and summaries; the source is named when there are several. */
function name(services: Services, { source, event }: SourcedEvent): string {
  return eventName(event, services.sources.all().length > 1 ? source : undefined);
}

function asTriageArgs(arg: unknown): TriageArgs | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const ids = (arg as { eventIds?: unknown }).eventIds;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) return undefined;
  const { reason, text, sourceId, confirm } = arg as { reason?: unknown; text?: unknown; sourceId?: unknown; confirm?: unknown };
  return { eventIds: ids, reason, text, sourceId: typeof sourceId === 'string' ? sourceId : undefined, confirm: confirm === true };
}
