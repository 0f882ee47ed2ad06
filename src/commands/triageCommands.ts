import * as vscode from 'vscode';
import { CloseReason } from '../api/pvwaClient';
import { closeSummary } from '../respond/actionRecord';
import { CLOSE_REASONS, isCloseReason, REASON_TEXT_MAX, reasonTextProblem } from '../model/closeReason';
import { formatCount } from '../model/format';
import { EventStatus } from '../model/ptaEvent';
import { SourcedEvent } from '../sources/eventSources';
import { Services } from '../services';
import { describeFilter } from '../store/filterDescription';
import { closeRequests, reopenRequests } from '../triage/bulkTriage';
import * as inertWindow from '../ui/inertWindow';
import { eventName, targetEvents } from './eventTargets';
import { loopPlace, moveOnFrom } from './loopCommands';
import { NOTHING_SENT, TriageBatches, TriageResult } from './triageBatch';
import { TriageReports } from './triageReports';

/** The reason and text for a keybinding or a script; with `confirm`, the text is offered for the analyst to accept or edit instead of being sent as is. */
type CloseChoice = Exclude<CloseReason, 'NONE'>;

interface ReasonArgs {
  reason?: unknown;
  text?: unknown;
  confirm?: boolean;
  /** With `confirm`: why the given reason is offered first ("as its look-alikes were closed"). */
  because?: string;
}

/**
 * Arguments for a keybinding, a script or Close the Same Way: which events (`sourceId` may be left
 * out while the ids are found in one vault only), and optionally the reason and text.
 */
interface TriageArgs extends ReasonArgs {
  eventIds: string[];
  sourceId?: string;
}

/** Close, reopen, Close All Matching and Undo; their reports open through `reports`, registered at start-up. */
export function registerTriageCommands(services: Services, reports: TriageReports): vscode.Disposable[] {
  const batches = new TriageBatches(services, reports);
  return [
    vscode.commands.registerCommand('cyberarkPta.closeEvent', (arg: unknown, selection: unknown) => closeEvents(services, batches, arg, selection)),
    vscode.commands.registerCommand('cyberarkPta.reopenEvent', (arg: unknown, selection: unknown) => reopenEvents(services, batches, arg, selection)),
    vscode.commands.registerCommand('cyberarkPta.closeAllMatching', (arg: unknown) => closeAllMatching(services, batches, arg)),
    vscode.commands.registerCommand('cyberarkPta.undoLastTriage', () => batches.undoLast()),
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
      void inertWindow.showErrorMessage(`Event ${eventId} exists in several vaults; give "sourceId" to say which. Nothing was sent.`);
      return undefined;
    }
    if (matches[0]?.event.status === status) found.push(matches[0]);
  }
  if (found.length === 0) void inertWindow.showWarningMessage(`None of the given events is ${status === 'OPEN' ? 'open' : 'closed'}.`);
  return found;
}

async function closeEvents(services: Services, batches: TriageBatches, arg: unknown, selection: unknown): Promise<TriageResult> {
  const args = asTriageArgs(arg);
  const events = await triageTargets(services, arg, selection, 'OPEN', 'Close which open event?');
  if (!events || events.length === 0) return NOTHING_SENT;
  if (events.length > 1 && !args) {
    const confirm = `Close ${events.length} Events`;
    const answer = await inertWindow.showWarningMessage(
      `Close ${events.length} events in the vault?`,
      { modal: true, detail: 'You choose one reason and text for all of them. Each is closed with its own request.' },
      confirm,
    );
    if (answer !== confirm) return NOTHING_SENT;
  }
  const place = loopPlace(services, events);
  const result = await closeWithReason(services, batches, events, args ?? respondedClose(services, events));
  if (place && result.succeeded.length > 0) await moveOnFrom(services, place);
  return result;
}

/** One event with respond actions recorded: Handled offered first, and the text prefilled with what succeeded (editable). */
function respondedClose(services: Services, events: SourcedEvent[]): ReasonArgs {
  if (events.length !== 1) return {};
  const { source, event } = events[0];
  const text = closeSummary(services.respond.records.list({ sourceId: source.id, eventId: event.id }));
  return text ? { reason: 'HANDLED', text, confirm: true, because: 'for what was done from here' } : {};
}

/** Every open event the view shows (filter applied), after a confirmation that states the count and the filter. */
async function closeAllMatching(services: Services, batches: TriageBatches, arg: unknown): Promise<TriageResult> {
  if (!services.view.isFiltered) {
    void inertWindow.showInformationMessage('Set a filter first: Close All Matching Filter closes the open events the filter shows.');
    return NOTHING_SENT;
  }
  const events: SourcedEvent[] = [];
  for (const { sourceId, event } of services.view.shown()) {
    const source = services.sources.get(sourceId);
    if (source?.capabilities.triage && event.status === 'OPEN') events.push({ source, event });
  }
  if (events.length === 0) {
    void inertWindow.showInformationMessage('No open event that can be closed matches the filter.');
    return NOTHING_SENT;
  }
  const filter = describeFilter(services.view.currentFilter, (id) => services.sources.get(id)?.label ?? id);
  const count = formatCount(events.length);
  const confirm = `Close ${count} Events`;
  const answer = await inertWindow.showWarningMessage(
    `Close all ${count} open ${events.length === 1 ? 'event' : 'events'} that match the filter?`,
    { modal: true, detail: `Filter: ${filter}.\nYou choose one reason and text for all of them. Each is closed with its own request.` },
    confirm,
  );
  if (answer !== confirm) return NOTHING_SENT;
  return closeWithReason(services, batches, events, asReasonArgs(arg) ?? {});
}

/**
 * The reason and text (given or asked for), checked, then the close itself. With `confirm`, a given
 * reason is shown chosen in the reason step, where the analyst may change it, before the text.
 */
async function closeWithReason(services: Services, batches: TriageBatches, events: SourcedEvent[], given: ReasonArgs): Promise<TriageResult> {
  const subject = events.length === 1 ? name(services, events[0]) : `${formatCount(events.length)} events`;
  const givenReason = isCloseReason(given.reason) ? given.reason : undefined;
  const asksReason = !givenReason || !!given.confirm;
  const reason = asksReason ? await pickReason(subject, givenReason, given.because) : givenReason;
  if (!reason) return NOTHING_SENT;
  const givenText = typeof given.text === 'string' ? given.text : undefined;
  const text = givenText !== undefined && !given.confirm ? givenText : await enterReasonText(subject, reason, givenText, asksReason);
  if (text === undefined) return NOTHING_SENT;
  const problem = reasonTextProblem(text, reason);
  if (problem) {
    void inertWindow.showErrorMessage(`Nothing was sent: ${problem}`);
    return NOTHING_SENT;
  }
  return batches.run('close', batches.byVault(events, (list) => closeRequests(list, reason, text.trim())));
}

async function reopenEvents(services: Services, batches: TriageBatches, arg: unknown, selection: unknown): Promise<TriageResult> {
  const args = asTriageArgs(arg);
  const events = await triageTargets(services, arg, selection, 'CLOSED', 'Reopen which closed event?');
  if (!events || events.length === 0) return NOTHING_SENT;
  if (events.length > 1 && !args) {
    const confirm = `Reopen ${events.length} Events`;
    const answer = await inertWindow.showWarningMessage(`Reopen ${events.length} events in the vault?`, { modal: true }, confirm);
    if (answer !== confirm) return NOTHING_SENT;
  }
  return batches.run('reopen', batches.byVault(events, reopenRequests));
}

/** The reason step; `suggested` comes first and says `because`, so Enter takes it and a Down changes it. */
async function pickReason(subject: string, suggested?: CloseChoice, because?: string): Promise<CloseChoice | undefined> {
  const reasons = [...CLOSE_REASONS].sort((a, b) => Number(b.value === suggested) - Number(a.value === suggested));
  const picked = await vscode.window.showQuickPick(
    reasons.map((r) => ({ label: r.label, description: r.value === suggested && because ? `${r.value} · ${because}` : r.value, detail: r.detail, value: r.value })),
    {
      title: `Close ${subject} (1/2): reason`,
      placeHolder: suggested ? 'Why is it closed? The reason offered is first: Enter keeps it.' : 'Why is it closed?',
      ignoreFocusOut: true,
    },
  );
  return picked?.value;
}

/** The text step; titled as step 2 only when the reason step came before it. */
async function enterReasonText(subject: string, reason: CloseReason, prefill: string | undefined, afterReasonStep: boolean): Promise<string | undefined> {
  const label = CLOSE_REASONS.find((r) => r.value === reason)?.label ?? reason;
  return vscode.window.showInputBox({
    title: afterReasonStep ? `Close ${subject} (2/2): text` : `Close ${subject} as ${label}: text`,
    value: prefill,
    prompt: `Reason: ${label}. Describe what was done (at most ${REASON_TEXT_MAX} characters${reason === 'OTHER' ? ', required for Other' : ''}).`,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const problem = reasonTextProblem(value, reason);
      if (problem) return problem;
      const left = REASON_TEXT_MAX - value.trim().length;
      return { message: `${left} character${left === 1 ? '' : 's'} left`, severity: vscode.InputBoxValidationSeverity.Info };
    },
  });
}

/** An event's name for prompts and summaries; the source is named when there are several. */
function name(services: Services, { source, event }: SourcedEvent): string {
  return eventName(event, services.sources.all().length > 1 ? source : undefined);
}

function asReasonArgs(arg: unknown): ReasonArgs | undefined {
  if (!arg || typeof arg !== 'object') return undefined;
  const { reason, text, confirm, because } = arg as ReasonArgs;
  return { reason, text, confirm: confirm === true, because: typeof because === 'string' ? because : undefined };
}

function asTriageArgs(arg: unknown): TriageArgs | undefined {
  const reasonArgs = asReasonArgs(arg);
  const { eventIds, sourceId } = (arg ?? {}) as { eventIds?: unknown; sourceId?: unknown };
  if (!reasonArgs || !Array.isArray(eventIds) || !eventIds.every((id) => typeof id === 'string')) return undefined;
  return { ...reasonArgs, eventIds, sourceId: typeof sourceId === 'string' ? sourceId : undefined };
}
