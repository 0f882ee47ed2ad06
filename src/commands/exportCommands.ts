import * as os from 'node:os';
import * as vscode from 'vscode';
import { recordMarkdown } from '../respond/actionRecord';
import { eventsToCsv } from '../export/csvExport';
import { eventsToJson } from '../export/jsonExport';
import { eventsToMarkdown } from '../export/markdownExport';
import { ExportedEvent } from '../export/exportRow';
import { Services } from '../services';
import * as inertWindow from '../ui/inertWindow';
import { eventName, targetEvents } from './eventTargets';

interface ExportFormat {
  readonly label: string;
  readonly detail: string;
  readonly extension: string;
  write(events: readonly ExportedEvent[]): string;
}

const FORMATS: readonly ExportFormat[] = [
  { label: 'CSV', detail: 'One row per event, for a spreadsheet (formulas in vault text are neutralised).', extension: 'csv', write: eventsToCsv },
  { label: 'JSON', detail: 'The events exactly as the vault sent them, grouped by vault or file, in a shape that can be opened again.', extension: 'json', write: eventsToJson },
  { label: 'Markdown', detail: 'A table for a ticket or a report.', extension: 'md', write: eventsToMarkdown },
];

export function registerExportCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('cyberarkPta.exportEvents', () => exportEvents(services)),
    vscode.commands.registerCommand('cyberarkPta.copyAsMarkdown', (arg: unknown, selection: unknown) => copyAsMarkdown(services, arg, selection)),
  ];
}

/** The events the view shows (filter applied, every source) to a file the person chooses. */
async function exportEvents(services: Services): Promise<void> {
  const events = [...services.view.shown()].map(({ sourceId, event }) => ({ event, source: sourceName(services, sourceId) }));
  if (events.length === 0) {
    void inertWindow.showInformationMessage('There are no events in the list to export.');
    return;
  }
  const count = `${events.length.toLocaleString('en-US')} ${events.length === 1 ? 'event' : 'events'}`;
  const format = await vscode.window.showQuickPick(
    FORMATS.map((f) => ({ label: f.label, detail: f.detail, format: f })),
    { title: `Export ${count}${services.view.isFiltered ? ' (filter applied)' : ''}`, placeHolder: 'Which format?' },
  );
  if (!format) return;
  const { label, extension, write } = format.format;
  const uri = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()), `pta-events-${new Date().toISOString().slice(0, 10)}.${extension}`),
    filters: { [label]: [extension] },
    saveLabel: 'Export',
    title: `Export ${count} as ${label}`,
  });
  if (!uri) return;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(write(events)));
  const open = 'Open';
  void inertWindow.showInformationMessage(`Exported ${count} to ${uri.path.split('/').pop() ?? uri.path}.`, open).then((answer) => {
    if (answer === open) void vscode.commands.executeCommand('vscode.open', uri);
  });
}

/** One or many selected events as Markdown on the clipboard, for a ticket. */
async function copyAsMarkdown(services: Services, arg: unknown, selection: unknown): Promise<void> {
  const found = await targetEvents(services, arg, selection, { allowMany: true, placeHolder: 'Copy which event as Markdown?' });
  if (found.length === 0) return;
  const record = found.flatMap(({ source, event }) => recordMarkdown(`Done from here on ${eventName(event)}`, services.respond.records.list({ sourceId: source.id, eventId: event.id })));
  await vscode.env.clipboard.writeText([eventsToMarkdown(found.map(({ source, event }) => ({ event, source: source.label }))), ...record].join('\n'));
  inertWindow.setStatusBarMessage(`Copied ${found.length === 1 ? eventName(found[0].event) : `${found.length} events`} as Markdown`, 3000);
}

/** The vault's or the file's name, as its node in the Events view shows it. */
function sourceName(services: Services, sourceId: string): string {
  return services.sources.get(sourceId)?.label ?? sourceId;
}
