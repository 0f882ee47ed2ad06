import * as vscode from 'vscode';
import { describeError } from '../api/errors';
import { CloseReason, EventUpdate } from '../api/pvwaClient';
import { CLOSE_REASONS, isCloseReason, REASON_TEXT_MAX, reasonTextProblem } from '../model/closeReason';
import { normalizeEvent, PtaEvent } from '../model/ptaEvent';
import { PvwaError } from '../api/errors';
import { Services } from '../services';
import { eventName, targetEvents } from './eventTargets';
import { inertNotification, inertStatusBar } from '../util/inertText';

/** What a close or reopen achieved, returned to callers (and tests) as well as shown. */
export interface TriageOutcome {
  readonly succeeded: string[];
  readonly failed: Array<{ eventId: string; message: string }>;
  readonly cancelled: boolean;
}

/** Arguments for a keybinding or a script: which events, and optionally the reason and text. */
interface TriageArgs {
  eventIds: string[];
  reason?: unknown;
  text?: unknown;
}

const NOTHING: TriageOutcome = { succeeded: [], failed: [], cancelled: true };

export function registerTriageCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('cyberarkPta.closeEvent', (arg: unknown, selection: unknown) => closeEvents(services, arg, selection)),
    vscode.commands.registerCommand('cyberarkPta.reopenEvent', (arg: unknown, selection: unknown) => reopenEvents(services, arg, selection)),
  ];
}

async function closeEvents(services: Services, arg: unknown, selection: unknown): Promise<TriageOutcome> {
  const args = asTriageArgs(arg);
  const events = args
    ? args.eventIds.map((id) => services.store.get(id)).filter((e): e is PtaEvent => e?.status === 'OPEN')
    : await targetEvents(services, arg, selection, { status: 'OPEN', allowMany: true, placeHolder: 'Close which open event?' });
  if (events.length === 0) {
    if (args) void vscode.window.showWarningMessage('None of the given events is open.');
    return NOTHING;
  }
  const subject = events.length === 1 ? eventName(events[0]) : `${events.length} events`;
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
  const text = typeof args?.text === 'string' ? args.text : await enterReasonText(subject, reason);
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
  const events = args
    ? args.eventIds.map((id) => services.store.get(id)).filter((e): e is PtaEvent => e?.status === 'CLOSED')
    : await targetEvents(services, arg, selection, { status: 'CLOSED', allowMany: true, placeHolder: 'Reopen which closed event?' });
  if (events.length === 0) return NOTHING;
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

async function enterReasonText(subject: string, reason: CloseReason): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: `Close ${subject} (2/2): text`,
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
async function applyToAll(services: Services, events: PtaEvent[], update: EventUpdate, verb: 'Closing' | 'Reopening'): Promise<TriageOutcome> {
  const outcome: TriageOutcome = { succeeded: [], failed: [], cancelled: false };
  const cancelled = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${verb} ${events.length === 1 ? eventName(events[0]) : `${events.length} events`}`, cancellable: events.length > 1 },
    async (progress, token) => {
      for (const [index, event] of events.entries()) {
        if (token.isCancellationRequested) return true;
        if (events.length > 1) progress.report({ message: `${index + 1} of ${events.length}`, increment: 100 / events.length });
        try {
          await applyOne(services, event, update);
          outcome.succeeded.push(event.id);
        } catch (error) {
          outcome.failed.push({ eventId: event.id, message: describeError(error) });
          services.log.warn(`${verb} ${event.id} failed: ${describeError(error)}`);
        }
      }
      return false;
    },
  );
  const result = { ...outcome, cancelled };
  void report(services, events, update, verb, result);
  return result;
}

async function applyOne(services: Services, event: PtaEvent, update: EventUpdate): Promise<void> {
  const answer = await services.session.call((client, token) => client.updateEvent(token, event.id, update));
  const updated = normalizeEvent(answer);
  if (!updated || updated.id !== event.id) {
    throw new PvwaError('invalidResponse', 'The vault answered with a different or unreadable event; refresh to see its state.');
  }
  services.store.upsert(updated);
  if (updated.status !== update.mStatus) {
    throw new PvwaError('invalidResponse', `The vault kept the event ${updated.status === 'OPEN' ? 'open' : 'closed'}.`);
  }
}

async function report(services: Services, events: PtaEvent[], update: EventUpdate, verb: 'Closing' | 'Reopening', outcome: TriageOutcome): Promise<void> {
  const done = verb === 'Closing' ? 'Closed' : 'Reopened';
  const names = new Map(events.map((e) => [e.id, eventName(e)]));
  if (events.length === 1) {
    if (outcome.succeeded.length === 1) {
      vscode.window.setStatusBarMessage(inertStatusBar(`${done} ${names.get(events[0].id)}`), 4000);
      return;
    }
    const failure = outcome.failed[0];
    const choice = await vscode.window.showErrorMessage(inertNotification(`${verb} ${names.get(failure.eventId)} failed: ${failure.message} It is unchanged.`), 'Retry');
    if (choice === 'Retry') {
      const current = services.store.get(events[0].id) ?? events[0];
      await applyToAll(services, [current], update, verb);
    }
    return;
  }
  const notDone = events.length - outcome.succeeded.length - outcome.failed.length;
  const parts = [`${done} ${outcome.succeeded.length} of ${events.length} events.`];
  if (outcome.failed.length > 0) {
    parts.push(`${outcome.failed.length} failed and are unchanged: ${outcome.failed.map((f) => `${names.get(f.eventId)}: ${f.message}`).join('; ')}`);
  }
  if (notDone > 0) parts.push(`${notDone} not sent (cancelled).`);
  const message = inertNotification(parts.join(' '));
  if (outcome.failed.length > 0) void vscode.window.showErrorMessage(message);
  else void vscode.window.showInformationMessage(message);
}

function asTriageArgs(arg: unknown): TriageArgs | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const ids = (arg as { eventIds?: unknown }).eventIds;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) return undefined;
  const { reason, text } = arg as { reason?: unknown; text?: unknown };
  return { eventIds: ids, reason, text };
}
