import * as vscode from 'vscode';
import { refOf } from '../details/rawJsonDocuments';
import { CompareDocuments, compareEvents } from '../files/compareDocuments';
import { OpenOutcome, registerFileCommands } from '../files/fileCommands';
import { PtaDocuments } from '../files/ptaDocuments';
import { displayText } from '../model/format';
import { SourcedEvent } from '../sources/eventSources';
import { FileLocation, FileSource, fileSourceId } from '../sources/fileSource';
import { revealEvents } from '../tree/revealEvents';
import { Services } from '../services';
import * as inertWindow from '../ui/inertWindow';
import { inertQuickPick } from '../util/inertText';
import { eventName, pickEvent, targetEvents } from './eventTargets';

/** Open Events from File…, Treat as PTA Events, Close Source and Compare with…. */
export function registerFileSourceCommands(services: Services, documents: PtaDocuments, comparisons: CompareDocuments): vscode.Disposable[] {
  return [
    registerFileCommands({ documents, openSource: (uri, text) => openFileSource(services, uri, text) }),
    vscode.commands.registerCommand('cyberarkPta.closeSource', (arg?: unknown) => closeSource(services, arg)),
    vscode.commands.registerCommand('cyberarkPta.compareEvents', (arg: unknown, selection: unknown) => compare(services, comparisons, arg, selection)),
  ];
}

/**
 * Shows the file's events as a source of their own, or reads the one already open again, and
 * reveals its node. A file that holds no events is refused in words and nothing is added.
 */
async function openFileSource(services: Services, uri: vscode.Uri, text?: string): Promise<OpenOutcome | undefined> {
  const ref = refOf(uri);
  if (ref) {
    // One of the extension's own raw JSON documents: its event is in the tree already.
    await revealEvents(services.tree, services.treeView, [ref]);
    return undefined;
  }
  const existing = services.sources.get(fileSourceId(uri));
  let outcome: OpenOutcome;
  if (existing instanceof FileSource) {
    outcome = await reloadFileSource(services, existing, text);
    if (!outcome.ok) return outcome;
  } else {
    const source = new FileSource<FileLocation>({ location: uri, read: async () => vscode.workspace.fs.readFile(uri) });
    const result = await withProgress(source, () => source.load(text ?? unsavedText(uri)));
    if (!result.ok) {
      source.dispose();
      const message = `No events were opened from ${displayText(source.label, 80)}. ${result.error}`;
      void inertWindow.showErrorMessage(message);
      return { ok: false, message };
    }
    if (services.sources.get(source.id)) source.dispose(); // opened twice at once: the first one stays
    else services.sources.add(source);
    tellSkipped(source, result.skipped);
    outcome = { ok: true, sourceId: source.id, loaded: result.loaded, skipped: result.skipped };
  }
  const chosen = services.view.currentFilter.sources;
  if (chosen?.length && !chosen.includes(outcome.sourceId)) services.view.setFilter({ ...services.view.currentFilter, sources: [...chosen, outcome.sourceId] });
  await Promise.resolve(services.treeView.reveal(services.tree.sourceNode(outcome.sourceId), { select: true, focus: false, expand: true })).catch((error: unknown) =>
    services.log.warn(`Revealing ${uri.toString()} in the Events view failed: ${String(error)}`),
  );
  return outcome;
}

/**
 * Reads the file again (or takes `text`, its editor's unsaved content); a failure keeps the last
 * good list, marked stale, and says why. Also the Refresh and Reload commands' way with files.
 */
export async function reloadFileSource(services: Services, source: FileSource, text?: string): Promise<OpenOutcome> {
  const result = await withProgress(source, () => source.load(text ?? unsavedText(source.location)));
  if (result.ok) {
    tellSkipped(source, result.skipped);
    return { ok: true, sourceId: source.id, loaded: result.loaded, skipped: result.skipped };
  }
  const message = `Reading ${displayText(source.label, 80)} again failed. ${result.error} The last good list is still shown.`;
  if (!result.superseded && services.sources.get(source.id) === source) void inertWindow.showErrorMessage(message);
  return { ok: false, message };
}

/** An open editor's text when it differs from the file (edited, or never saved); a file is read as saved otherwise. */
function unsavedText(location: { toString(): string }): string | undefined {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === location.toString());
  return document && (document.isDirty || document.isUntitled) ? document.getText() : undefined;
}

function withProgress<T>(source: FileSource, load: () => Promise<T>): Thenable<T> {
  return inertWindow.withProgress({ location: vscode.ProgressLocation.Window, title: `Reading PTA events from ${displayText(source.label, 60)}` }, load);
}

function tellSkipped(source: FileSource, skipped: number): void {
  if (skipped === 0) return;
  void inertWindow.showWarningMessage(
    `${skipped} ${skipped === 1 ? 'entry' : 'entries'} of ${displayText(source.label, 80)} had no usable event id and ${skipped === 1 ? 'was' : 'were'} left out.`,
  );
}

/** The file source of the node's menu; from the palette, the only file open or the one picked. */
async function closeSource(services: Services, arg: unknown): Promise<void> {
  const sourceId = (arg as { sourceId?: unknown } | undefined)?.sourceId;
  const files = services.sources.all().filter((s): s is FileSource => s instanceof FileSource);
  let source: FileSource | undefined;
  if (typeof sourceId === 'string') source = files.find((s) => s.id === sourceId);
  else if (files.length <= 1) source = files[0];
  else source = await pickFile(files);
  if (!source) {
    if (files.length === 0) void inertWindow.showInformationMessage('No file of events is open in the CyberArk PTA view.');
    return;
  }
  // The filter lets go of it as the source leaves (see EventView.dropMissingSources).
  services.sources.remove(source.id);
  source.dispose();
}

async function pickFile(files: readonly FileSource[]): Promise<FileSource | undefined> {
  const picked = await vscode.window.showQuickPick(
    files.map((source) => ({
      label: inertQuickPick(displayText(source.label, 60)),
      description: `${source.store.count('OPEN')} open · ${source.store.count('CLOSED')} closed`,
      detail: inertQuickPick(displayText(source.location.toString(), 120)),
      source,
    })),
    { title: 'Close Source', placeHolder: 'Close which file of events?' },
  );
  return picked?.source;
}

/** Two selected events side by side; one event (clicked or picked) and a second picked. */
async function compare(services: Services, comparisons: CompareDocuments, arg: unknown, selection: unknown): Promise<void> {
  const chosen = await targetEvents(services, arg, selection, { allowMany: true, placeHolder: 'Compare which event?' });
  if (chosen.length > 2) {
    void inertWindow.showInformationMessage(`Compare with… compares two events; ${chosen.length} are selected.`);
    return;
  }
  const [left] = chosen;
  if (!left) return;
  const right = chosen[1] ?? (await pickEvent(services, { placeHolder: `Compare ${eventName(left.event)} with which event?`, exclude: { sourceId: left.source.id, eventId: left.event.id } }));
  if (!right) return;
  const several = services.sources.all().filter((s) => !s.isPlaceholder).length > 1;
  const side = ({ source, event }: SourcedEvent) => ({ label: eventName(event, several ? source : undefined), raw: event.raw });
  await compareEvents(comparisons, side(left), side(right));
}
