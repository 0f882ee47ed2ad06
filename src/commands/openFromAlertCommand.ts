import * as vscode from 'vscode';
import { displayText, formatScore } from '../model/format';
import { AlertForm, parseAlertReference } from '../respond/alertReference';
import { EventSource } from '../sources/eventSource';
import { Services } from '../services';
import { revealEvents } from '../tree/revealEvents';
import * as inertWindow from '../ui/inertWindow';
import { inertQuickPick } from '../util/inertText';

/** What the command returns, for scripts and keybindings. */
export type OpenFromAlertResult =
  | { readonly ok: true; readonly sourceId: string; readonly eventId: string; readonly form: AlertForm }
  | { readonly ok: false; readonly message: string; readonly eventId?: string; readonly searched?: readonly string[] };

/**
 * Open Event from Alert…: the event an alert names (an id, a PVWA event link, a CEF or LEEF
 * line pasted from a SIEM) revealed in the Events view with its details open. Takes the text
 * as its argument (`"…"` or `{ "text": "…" }`), else asks for it.
 */
export function registerOpenFromAlert(services: Services): vscode.Disposable[] {
  return [vscode.commands.registerCommand('cyberarkPta.openFromAlert', (arg?: unknown) => openFromAlert(services, arg))];
}

async function openFromAlert(services: Services, arg: unknown): Promise<OpenFromAlertResult | undefined> {
  const text = textOf(arg) ?? (await askForAlert());
  if (text === undefined) return undefined;
  const parsed = parseAlertReference(text);
  if (!parsed.ok) {
    void inertWindow.showErrorMessage(`Open Event from Alert: ${parsed.reason}`);
    return { ok: false, message: parsed.reason };
  }
  const { eventId } = parsed;
  let holders = holdersOf(services, eventId);
  if (holders.length === 0) {
    // The alert may be newer than the last refresh: ask each signed-in vault for its changes once.
    const idle = services.vaults.all().filter((v) => v.session.isSignedIn && v.refresh.current.loaded && !v.refresh.current.refreshing);
    await Promise.all(idle.map((v) => v.refresh.refresh()));
    holders = holdersOf(services, eventId);
  }
  if (holders.length === 0) return notFound(services, eventId);
  const source = holders.length === 1 ? holders[0] : await pickSource(holders, eventId);
  if (!source) return undefined;
  const ref = { sourceId: source.id, eventId };
  await revealEvents(services.tree, services.treeView, [ref]);
  if (!services.tree.revealableNode(ref.sourceId, eventId)) inertWindow.setStatusBarMessage(`Event ${eventId} is hidden by the filter of the Events view; Clear Filter shows it.`, 8000, 'filter');
  services.panels.show(ref);
  return { ok: true, sourceId: source.id, eventId, form: parsed.form };
}

function textOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const text = arg && typeof arg === 'object' ? (arg as { text?: unknown }).text : undefined;
  return typeof text === 'string' ? text : undefined;
}

function askForAlert(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Open Event from Alert',
    prompt: 'An event id, a PVWA event link, or a CEF or LEEF line of a PTA alert as your SIEM shows it',
    placeHolder: 'CEF:0|CyberArk|PTA|…|cs2Label=EventID cs2=…',
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (value.trim() === '') return undefined;
      const parsed = parseAlertReference(value);
      return parsed.ok ? { message: `Event ${parsed.eventId}`, severity: vscode.InputBoxValidationSeverity.Info } : parsed.reason;
    },
  });
}

/** Sources showing events (a signed-out vault holds none) that hold the id. */
function holdersOf(services: Services, eventId: string): EventSource[] {
  return services.sources.all().filter((s) => !s.isPlaceholder && s.state.kind !== 'signedOut' && s.store.has(eventId));
}

async function pickSource(holders: readonly EventSource[], eventId: string): Promise<EventSource | undefined> {
  const picked = await vscode.window.showQuickPick(
    holders.map((source) => {
      const event = source.store.get(eventId);
      return {
        label: inertQuickPick(displayText(source.label, 80)),
        description: source.kind === 'vault' ? 'vault' : 'file',
        detail: event ? inertQuickPick(`${event.status === 'OPEN' ? 'Open' : 'Closed'}, score ${formatScore(event.score)}`) : undefined,
        source,
      };
    }),
    { title: 'Open Event from Alert', placeHolder: `Event ${eventId} is in ${holders.length} sources: open it from which?`, ignoreFocusOut: true },
  );
  return picked?.source;
}

function notFound(services: Services, eventId: string): OpenFromAlertResult {
  const sources = services.sources.all().filter((s) => !s.isPlaceholder);
  const searched = sources.map((s) => `${displayText(s.label, 80)}${stateNote(s)}`);
  const message =
    sources.length === 0
      ? `Event ${eventId} was not found: no vault is configured and no file of events is open.`
      : `Event ${eventId} was not found in ${searched.join(', ')}.`;
  void inertWindow.showWarningMessage(message);
  return { ok: false, message, eventId, searched: sources.map((s) => s.label) };
}

/** Why a source could not have shown the event. */
function stateNote(source: EventSource): string {
  switch (source.state.kind) {
    case 'signedOut':
      return ' (signed out)';
    case 'failed':
      return ' (its events could not be loaded)';
    case 'loading':
      return source.store.size === 0 ? ' (still loading)' : '';
    case 'stale':
      return ' (its last refresh failed)';
    default:
      return '';
  }
}
