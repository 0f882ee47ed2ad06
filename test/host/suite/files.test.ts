import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OpenOutcome } from '../../../src/files/fileCommands';
import { normaliseForCompare } from '../../../src/files/compareNormalise';
import { eventShortName } from '../../../src/model/eventFacts';
import type { Services } from '../../../src/services';
import type { EventRef } from '../../../src/sources/eventSource';
import type { TreeNode } from '../../../src/tree/treeNodes';
import { generateEvents, RawEvent } from '../../simulator/data';
import { PvwaSimulator } from '../../simulator/server';
import { extensionApi, list, signIn, signOut, startVault, vault, waitFor, waitForPage } from './support';

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

function opened(outcome: OpenOutcome | undefined): Extract<OpenOutcome, { ok: true }> {
  assert.ok(outcome, 'the command said what it did');
  assert.ok(outcome.ok, `the file was refused: ${outcome.ok ? '' : outcome.message}`);
  return outcome;
}

function openFile(uri: vscode.Uri): Thenable<OpenOutcome | undefined> {
  return vscode.commands.executeCommand<OpenOutcome | undefined>('cyberarkPta.openEventsFile', uri);
}

/** Newest update first, as the view lists them. */
function idsByUpdate(events: readonly RawEvent[], status: 'OPEN' | 'CLOSED'): string[] {
  return events
    .filter((e) => String(e.mStatus).toUpperCase() === status)
    .sort((a, b) => b.lastUpdateTime - a.lastUpdateTime || (a.id < b.id ? -1 : 1))
    .map((e) => e.id);
}

function utcText(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.filter((l) => l.command?.command.startsWith('cyberarkPta.'));
}

async function openRawJson(ref: EventRef): Promise<vscode.TextDocument> {
  await vscode.commands.executeCommand('cyberarkPta.openRawJson', ref);
  await waitFor(() => vscode.window.activeTextEditor?.document.uri.scheme === 'cyberarkpta-event', 'the raw JSON document');
  return vscode.window.activeTextEditor!.document;
}

describe('events from files', () => {
  let api: Services;
  let folder: string;
  const now = Date.now();
  const events = generateEvents({ count: 40, seed: 21, now, hostileShare: 0 });

  function write(name: string, content: string | Uint8Array): vscode.Uri {
    const file = path.join(folder, name);
    fs.writeFileSync(file, content);
    return vscode.Uri.file(file);
  }

  function fileSources() {
    return api.sources.all().filter((s) => s.kind === 'file');
  }

  before(async () => {
    api = await extensionApi();
    await signOut(api);
    await vscode.commands.executeCommand('cyberarkPta.clearFilter');
    await vscode.commands.executeCommand('cyberarkPta.sortByUpdate');
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pta-files-'));
  });

  afterEach(async () => {
    for (const source of fileSources()) await vscode.commands.executeCommand('cyberarkPta.closeSource', { sourceId: source.id });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  after(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('opens the saved answer of the active editor while signed out: its node with counts, Open and Closed, rows and details', async () => {
    assert.ok(api.vaults.all().every((v) => !v.session.isSignedIn), 'no vault is signed in');
    const uri = write('answer.json', JSON.stringify(events));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const outcome = opened(await vscode.commands.executeCommand<OpenOutcome>('cyberarkPta.openEventsFile'));
    assert.equal(outcome.loaded, 40);
    const source = api.sources.get(outcome.sourceId)!;
    assert.equal(source.kind, 'file');

    const roots = api.tree.getChildren();
    const node = roots.find((n) => n.kind === 'source' && n.sourceId === source.id);
    assert.ok(node, 'the file has its own node at the top of the view');
    assert.equal(roots.at(-1), node, 'files come after the vaults');
    const open = idsByUpdate(events, 'OPEN');
    const closed = idsByUpdate(events, 'CLOSED');
    assert.ok(open.length > 0 && closed.length > 0, 'the saved answer has both statuses');
    const item = api.tree.getTreeItem(node);
    assert.equal(labelOf(item), 'answer.json');
    assert.equal(item.description, `${open.length} open · read just now`);
    assert.equal(item.contextValue, 'source:file:signedIn');

    const groups = api.tree.getChildren(node);
    assert.deepEqual(groups.map((g) => labelOf(api.tree.getTreeItem(g))), ['Open', 'Closed']);
    assert.deepEqual(groups.map((g) => api.tree.getTreeItem(g).description), [String(open.length), String(closed.length)]);
    const rows = api.tree.getChildren(groups[0]) as TreeNode[];
    assert.deepEqual(rows.map((r) => (r as { eventId: string }).eventId), open);
    const row = api.tree.resolveTreeItem(api.tree.getTreeItem(rows[0]), rows[0]);
    assert.match(row.contextValue ?? '', /^event:open(:lookalikes)?$/, 'no triage or PVWA actions on a file event');
    assert.match(String(row.tooltip), new RegExp(`^Event ID: ${open[0]}$`, 'm'));

    const ref = { sourceId: source.id, eventId: open[0] };
    await vscode.commands.executeCommand('cyberarkPta.showEventDetails', ref);
    const panel = api.panels.get(ref);
    assert.ok(panel, 'the details panel opened');
    await waitForPage(() => panel.isReady, 'the page to say ready');
    assert.equal(panel.model.id, open[0]);
    assert.equal(panel.model.canTriage, false);
    assert.equal(panel.model.canOpenInPvwa, false);
  });

  it('opens every accepted shape: one event, a recorded answer, one event per line, psPAS output in UTF-16', async () => {
    const some = events.slice(0, 12);
    const psPas = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(some, null, 4).replace(/\n/g, '\r\n'), 'utf16le')]);
    const shapes: Array<[string, string | Uint8Array, readonly RawEvent[]]> = [
      ['one.json', JSON.stringify(events[0], null, 2), [events[0]]],
      ['recorded.json', JSON.stringify([{ status_code: 200, json_body: some }]), some],
      ['lines.ndjson', some.map((e) => JSON.stringify(e)).join('\n') + '\n', some],
      ['pspas.json', psPas, some],
    ];
    for (const [name, content, expected] of shapes) {
      const outcome = opened(await openFile(write(name, content)));
      assert.equal(outcome.loaded, expected.length, name);
      const store = api.sources.get(outcome.sourceId)!.store;
      assert.deepEqual([...store.all()].map((e) => e.id).sort(), expected.map((e) => e.id).sort(), name);
      assert.equal(api.sources.get(outcome.sourceId)!.label, name);
    }
    assert.equal(fileSources().length, 4, 'each file is a source of its own');
  });

  it('gives every row of both views its own tree id, whatever separator a vault user or an event id holds', async () => {
    // Joined with ":", vault user "a" in event "b:c" and vault user "a:b" in event "c" made one Entities row id.
    const [template] = events;
    const saved = [
      { ...template, id: 'b:c', audits: [{ vaultUser: 'a' }] },
      { ...template, id: 'c', audits: [{ vaultUser: 'a:b' }] },
    ];
    opened(await openFile(write('separators.json', JSON.stringify(saved))));
    const idsUnder = <N>(provider: { getChildren(node?: N): unknown; getTreeItem(node: N): vscode.TreeItem }, nodes: readonly N[]): string[] =>
      nodes.flatMap((n) => [provider.getTreeItem(n).id!, ...idsUnder(provider, provider.getChildren(n) as N[])]);
    for (const [name, provider] of [['Events', api.tree], ['Entities', api.entities]] as const) {
      const ids = idsUnder(provider as never, (provider.getChildren() ?? []) as never[]);
      assert.ok(ids.length >= 4, `${name}: rows were listed`);
      assert.equal(new Set(ids).size, ids.length, `${name}: an id is used twice among ${ids.join(', ')}`);
    }
  });

  it('refuses a file that holds no events, in words, and adds nothing', async () => {
    const before = api.sources.all().length;
    const outcome = await openFile(write('package.json', JSON.stringify({ name: 'my-app', version: '1.0.0' })));
    assert.ok(outcome && !outcome.ok);
    assert.equal(
      outcome.message,
      'No events were opened from package.json. Expected PTA events (a list of events, one event, a recorded API answer, psPAS output or one event per line); found a JSON object with keys name, version.',
    );
    assert.equal(api.sources.all().length, before);
  });

  it('Close Source removes the file, its panel and the content of its raw JSON documents', async () => {
    const { sourceId } = opened(await openFile(write('close-me.json', JSON.stringify(events))));
    const ref = { sourceId, eventId: events[0].id };
    await vscode.commands.executeCommand('cyberarkPta.showEventDetails', ref);
    const panel = api.panels.get(ref)!;
    const document = await openRawJson({ sourceId, eventId: events[1].id });
    assert.deepEqual(JSON.parse(document.getText()), events[1]);

    await vscode.commands.executeCommand('cyberarkPta.closeSource', api.tree.sourceNode(sourceId));
    assert.equal(api.sources.get(sourceId), undefined);
    assert.ok(!api.tree.getChildren().some((n) => n.sourceId === sourceId), 'its node is gone');
    assert.ok(panel.isDisposed, 'its panel closed');
    await waitFor(() => document.getText().startsWith('// This event is not loaded any more'), 'the raw JSON document to empty');
  });

  it('reloads a changed file from its node and with Refresh; a broken file keeps the last good list, stale', async () => {
    const uri = write('changing.json', JSON.stringify(events.slice(0, 10)));
    const { sourceId } = opened(await openFile(uri));
    const source = api.sources.get(sourceId)!;
    assert.equal(source.store.size, 10);

    const changed = { ...events[0], mStatus: events[0].mStatus === 'OPEN' ? 'CLOSED' : 'OPEN' };
    write('changing.json', JSON.stringify([changed, ...events.slice(1, 15)]));
    await vscode.commands.executeCommand('cyberarkPta.reloadFile', api.tree.sourceNode(sourceId));
    assert.equal(source.store.size, 15);
    assert.equal(source.store.get(events[0].id)?.status, String(changed.mStatus));

    write('changing.json', JSON.stringify(events.slice(0, 5)));
    await vscode.commands.executeCommand('cyberarkPta.refresh');
    assert.equal(source.store.size, 5, 'Refresh reads open files again, signed out or not');

    write('changing.json', '{"not": "events"}');
    await vscode.commands.executeCommand('cyberarkPta.reloadFile', { sourceId });
    assert.equal(source.state.kind, 'stale');
    assert.equal(source.store.size, 5);
    assert.match(String(api.tree.getTreeItem(api.tree.sourceNode(sourceId)).description), /^\d+ open · stale, as of /);
  });

  it('compares two selected events in the diff editor, normalised, and one event with a picked one', async () => {
    const { sourceId } = opened(await openFile(write('compare.json', JSON.stringify(events.slice(0, 6)))));
    const [left, right] = [events[0], events[1]].map((e) => ({ sourceId, eventId: e.id }));
    await vscode.commands.executeCommand('cyberarkPta.compareEvents', left, [left, right]);
    const diff = async () => {
      await waitFor(() => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff, 'the diff editor');
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab!;
      const input = tab.input as vscode.TabInputTextDiff;
      const [original, modified] = await Promise.all([input.original, input.modified].map((u) => vscode.workspace.openTextDocument(u)));
      return { label: tab.label, original: original.getText(), modified: modified.getText() };
    };
    const shown = await diff();
    assert.equal(shown.original, normaliseForCompare(events[0]));
    assert.equal(shown.modified, normaliseForCompare(events[1]));
    const source = api.sources.get(sourceId)!;
    assert.ok(shown.label.includes(eventShortName(source.store.get(events[0].id)!)), `the tab names the events: ${shown.label}`);

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    let done = false;
    const pending = vscode.commands.executeCommand('cyberarkPta.compareEvents', left).then(() => (done = true));
    const deadline = Date.now() + 10_000;
    while (!done && Date.now() < deadline) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await pending;
    const picked = await diff();
    assert.equal(picked.original, normaliseForCompare(events[0]));
    assert.notEqual(picked.modified, picked.original, 'the pick never offers the event itself');
    assert.ok(events.slice(1, 6).some((e) => normaliseForCompare(e) === picked.modified), 'the other side is one of the file’s events');
  });

  it('checks any JSON document against the PTA events schema after Treat as PTA Events, as warnings in Problems', async () => {
    const wrong = [{ ...events[0], mStatus: 'DONE' }, events[1]];
    const uri = write('saved.json', JSON.stringify(wrong, null, 2));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'PTA events schema');
    assert.deepEqual(ours(), [], 'a plain JSON file is not checked before it is chosen');
    await vscode.commands.executeCommand('cyberarkPta.treatAsPtaEvents');
    await waitFor(() => ours().length > 0, 'the schema warnings');
    const [warning] = ours();
    assert.match(warning.message, /"DONE" is not one of "OPEN", "CLOSED", null/);
    assert.equal(document.getText(warning.range), '"DONE"', 'the warning marks the wrong value itself');
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('explains a time on hover in a saved answer named *.pta.json', async () => {
    const uri = write('hover.pta.json', JSON.stringify(events.slice(0, 3), null, 2));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const offset = document.getText().indexOf('"createTime": ') + '"createTime": '.length + 2;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(offset));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(text.includes(`Created: **`), text);
    assert.ok(text.includes(utcText(Number(events[0].createTime))), `the hover shows ${utcText(Number(events[0].createTime))}: ${text}`);
  });

  describe('beside a signed-in vault', () => {
    let sim: PvwaSimulator;

    before(async () => {
      sim = await startVault({ count: 60, seed: 5 });
      await signIn(api, sim);
    });

    after(async () => {
      await signOut(api);
      await sim.stop();
    });

    it('keeps the same event id in a file and a vault two events: two rows, two panels', async () => {
      const saved = list(api, 'OPEN').slice(0, 3).map((e) => e.raw);
      const { sourceId } = opened(await openFile(write('same-ids.json', JSON.stringify(saved))));
      const vaultId = vault(api).id;
      const eventId = String(saved[0].id);
      const roots = api.tree.getChildren();
      assert.deepEqual(roots.map((n) => n.sourceId), [vaultId, sourceId], 'the vault, then the file');
      const rows = [vaultId, sourceId].map((id) => api.tree.getTreeItem(api.tree.eventNode(id, eventId)));
      assert.notEqual(rows[0].id, rows[1].id);
      assert.deepEqual(rows.map((r) => r.contextValue?.replace(/:lookalikes$/, '')), ['event:open:triage:pvwa', 'event:open']);

      const refs = [vaultId, sourceId].map((id) => ({ sourceId: id, eventId }));
      for (const ref of refs) await vscode.commands.executeCommand('cyberarkPta.showEventDetails', ref);
      const [inVault, inFile] = refs.map((ref) => api.panels.get(ref));
      assert.ok(inVault && inFile && inVault !== inFile, 'one panel each');
      assert.equal(inVault.model.canTriage, true);
      assert.equal(inFile.model.canTriage, false);
    });

    it("puts Show Details and Close… above a vault's open event, and only Show Details above a file's, each naming its source", async () => {
      const [event, vaultsOnly] = list(api, 'OPEN');
      const vaultRef = { sourceId: vault(api).id, eventId: event.id };
      const vaultDocument = await openRawJson(vaultRef);
      const vaultLenses = await lensesOf(vaultDocument.uri);
      assert.deepEqual(vaultLenses.map((l) => l.command?.title), [`Show Details (${vault(api).label})`, `Close in ${vault(api).label}…`]);
      assert.deepEqual(vaultLenses.map((l) => l.command?.arguments), [[vaultRef], [vaultRef]]);

      const { sourceId } = opened(await openFile(write('lenses.pta.json', JSON.stringify([event.raw], null, 2))));
      const fileRef = { sourceId, eventId: event.id };
      const fileDocument = await openRawJson(fileRef);
      const fileLenses = await lensesOf(fileDocument.uri);
      assert.deepEqual(fileLenses.map((l) => l.command?.title), ['Show Details (lenses.pta.json)']);
      assert.deepEqual(fileLenses[0].command?.arguments, [fileRef]);
      const saved = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, 'lenses.pta.json')));
      const savedLenses = await lensesOf(saved.uri);
      assert.deepEqual(savedLenses.map((l) => [l.command?.title, l.command?.arguments]), [['Show Details (lenses.pta.json)', [fileRef]]], 'the saved file is its own source’s');

      // The file's editor now also holds an event only the vault has, under the same id: it is not the vault's event.
      const original = saved.getText();
      const replaceAll = async (text: string) => {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(saved.uri, new vscode.Range(saved.positionAt(0), saved.positionAt(saved.getText().length)), text);
        await vscode.workspace.applyEdit(edit);
      };
      await replaceAll(JSON.stringify([event.raw, vaultsOnly.raw], null, 2));
      const editedLenses = await lensesOf(saved.uri);
      assert.deepEqual(
        editedLenses.map((l) => l.command?.arguments),
        [[fileRef]],
        "no lens above the event the file's source does not hold, though the vault has one with that id",
      );
      await replaceAll(original);
      await saved.save();

      await vscode.commands.executeCommand(vaultLenses[0].command!.command, ...vaultLenses[0].command!.arguments!);
      assert.ok(api.panels.get(vaultRef), 'Show Details opens the panel of the lens’s event');
    });
  });
});
