import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TriageResult } from '../../../src/commands/triageBatch';
import { EXPORT_COLUMNS } from '../../../src/export/exportRow';
import type { PtaEvent } from '../../../src/model/ptaEvent';
import type { Services } from '../../../src/services';
import { describeFilter } from '../../../src/store/filterDescription';
import type { TreeNode } from '../../../src/tree/treeNodes';
import { generateEvents, HOSTILE_STRINGS } from '../../simulator/data';
import { PvwaSimulator } from '../../simulator/server';
import { FORMULAS, parseCsv } from '../../support/csv';
import { hostileEvents } from '../../support/hostileEvents';
import { extensionApi, interceptMessages, list, patchRequests, pause, replaceWindowFunction, setSettings, ShownMessage, signIn, signOut, startVault, vault, waitFor } from './support';

type Answer = (shown: ShownMessage) => string | undefined | Thenable<string | undefined>;

const REFUSED = { kind: 'error', status: 400, code: 'PASWS167E', message: 'The event cannot be updated.' } as const;
const ids = (list: ReadonlyArray<{ eventId: string } | { id: string }>) => list.map((e) => ('eventId' in e ? e.eventId : e.id));

describe('bulk close and reopen', () => {
  let api: Services;
  let sim: PvwaSimulator;
  let messages: ReturnType<typeof interceptMessages>;
  let answer: Answer;

  before(async () => {
    api = await extensionApi();
    api.view.setFilter({});
    sim = await startVault({ count: 600, seed: 43 });
    await signIn(api, sim);
  });

  beforeEach(() => {
    sim.clearRequests();
    answer = () => undefined;
    messages = interceptMessages((shown) => answer(shown));
  });

  afterEach(async () => {
    messages.restore();
    sim.clearFaults();
    sim.setLatency(0);
    await setSettings({ bulkConcurrency: undefined });
  });

  after(async () => {
    await signOut(api);
    await sim.stop();
  });

  const open = (n: number) => list(api, 'OPEN').slice(0, n);
  const close = (events: readonly PtaEvent[]) =>
    vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', { eventIds: ids(events), reason: 'NOTREAL', text: 'scanner run' });
  const vaultStatus = (id: string) => String(sim.getEvent(id)?.mStatus).toUpperCase();
  const summary = (startsWith: string) => messages.next((m) => m.message.startsWith(startsWith), `a message starting "${startsWith}"`);

  it('never has more requests in flight than cyberarkPta.bulkConcurrency', async () => {
    await setSettings({ bulkConcurrency: 3 });
    sim.setLatency(40);
    const events = open(18);
    sim.resetLoadStats();
    const result = await close(events);
    assert.deepEqual(ids(result.succeeded), ids(events));
    assert.equal(sim.loadStats.maxChangesInFlight, 3, 'side by side, and never more than the setting');
    assert.equal(patchRequests(sim).length, 18);
    assert.ok(events.every((e) => vault(api).store.get(e.id)?.status === 'CLOSED' && vaultStatus(e.id) === 'CLOSED'));
    assert.deepEqual(await summary('Closed'), { severity: 'information', message: 'Closed 18 of 18 events.', modal: false, detail: undefined, items: ['Undo'] });
  });

  it('renews a session that expires mid-batch with exactly one logon, and resends the refused requests once', async () => {
    sim.setLatency(20);
    const events = open(16);
    sim.resetLoadStats();
    sim.expireTokensAtRequest(5);
    const result = await close(events);
    assert.deepEqual(ids(result.succeeded), ids(events));
    assert.equal(sim.loadStats.logons, 1, 'one renewal for every refused request');
    const refused = patchRequests(sim).filter((r) => r.status !== 200).length;
    assert.ok(refused >= 1, 'some requests were refused as expired');
    assert.equal(patchRequests(sim).length, 16 + refused, 'each refused request was resent once');
  });

  it('stops sending on Cancel: the summary is exact and the events not sent stay open', async () => {
    await setSettings({ bulkConcurrency: 2 });
    sim.setLatency(150);
    const events = open(30);
    const pending = close(events);
    await pause(500);
    // The progress notification's primary action is Cancel.
    await vscode.commands.executeCommand('notification.acceptPrimaryAction');
    const result = await pending;
    const sent = patchRequests(sim).length;
    assert.ok(sent > 0 && sent < 30, `cancelled mid-batch (${sent} sent)`);
    assert.equal(result.cancelled, true);
    assert.equal(result.succeeded.length, sent);
    assert.deepEqual(result.failed, []);
    assert.deepEqual(ids(result.notSent), ids(events.slice(sent)));
    for (const { eventId } of result.notSent) {
      assert.equal(vaultStatus(eventId), 'OPEN');
      assert.equal(vault(api).store.get(eventId)?.status, 'OPEN');
    }
    const shown = await summary('Closed');
    assert.equal(shown.message, `Closed ${sent} of 30 events. ${30 - sent} not sent (cancelled).`);
    assert.equal(shown.severity, 'warning');
    assert.deepEqual(shown.items, ['Undo', 'Show Report']);
  });

  it('leaves the events the vault refused open, and lists them in a read-only report', async () => {
    const events = open(6);
    sim.inject(REFUSED, { method: 'PATCH', pathIncludes: events[1].id });
    sim.inject(REFUSED, { method: 'PATCH', pathIncludes: events[4].id });
    answer = (shown) => (shown.items.includes('Show Report') ? 'Show Report' : undefined);
    const result = await close(events);
    assert.deepEqual(ids(result.failed), [events[1].id, events[4].id]);
    assert.equal(result.failed[0].message, 'HTTP 400, PASWS167E: The event cannot be updated.');
    assert.deepEqual(ids(result.succeeded), ids([events[0], events[2], events[3], events[5]]));
    for (const failed of [events[1], events[4]]) {
      assert.equal(vault(api).store.get(failed.id)?.status, 'OPEN', 'a failed close is never shown as closed');
      assert.equal(vaultStatus(failed.id), 'OPEN');
    }
    const shown = await summary('Closed');
    assert.deepEqual([shown.severity, shown.message, shown.items], ['error', 'Closed 4 of 6 events. 2 failed.', ['Undo', 'Show Report']]);

    await waitFor(() => vscode.window.activeTextEditor?.document.uri.scheme === 'cyberarkpta-report', 'the report');
    const report = vscode.window.activeTextEditor!.document;
    assert.equal(report.languageId, 'markdown');
    assert.match(report.getText(), /## Failed \(2\)/);
    for (const failed of [events[1], events[4]]) assert.ok(report.getText().includes(failed.id), 'every failure is listed with its event');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Undo reopens exactly the events the close closed, not one changed since by someone else', async () => {
    const events = open(5);
    const bystander = open(6)[5];
    let chooseUndo!: (choice: string) => void;
    answer = (shown) => (shown.message === 'Closed 5 of 5 events.' ? new Promise((resolve) => (chooseUndo = resolve)) : undefined);
    const result = await close(events);
    assert.equal(result.succeeded.length, 5);
    await summary('Closed 5 of 5');

    // Meanwhile a colleague reopens and closes one of them again, and closes an event this close never touched.
    await pause(5);
    const colleague = { mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: 'closed again by a colleague', lastUpdateTime: Date.now() };
    sim.upsertEvent({ ...sim.getEvent(events[1].id)!, ...colleague });
    sim.upsertEvent({ ...sim.getEvent(bystander.id)!, ...colleague });
    sim.clearRequests();
    chooseUndo('Undo');

    const undone = await summary('Reopened');
    assert.equal(undone.message, 'Reopened 4 of 4 events. 1 event changed in the vault since and was left alone.');
    assert.deepEqual(undone.items, ['Show Report'], 'no Undo of an Undo; the report names the event left alone');
    const reopened = [events[0], events[2], events[3], events[4]];
    assert.deepEqual(patchRequests(sim).map((r) => r.path.split('/').pop()).sort(), ids(reopened).sort());
    assert.ok(patchRequests(sim).every((r) => JSON.stringify(r.body) === JSON.stringify({ mStatus: 'OPEN', closeReason: 'NONE' })));
    for (const e of reopened) assert.equal(vault(api).store.get(e.id)?.status, 'OPEN');
    for (const e of [events[1], bystander]) {
      assert.equal(vaultStatus(e.id), 'CLOSED');
      assert.equal(sim.getEvent(e.id)?.reasonText, 'closed again by a colleague');
    }
  });

  it("Undo of a reopen closes the events again with each one's earlier reason and text", async () => {
    const events = list(api, 'CLOSED')
      .filter((e) => e.reasonText)
      .slice(0, 3);
    assert.equal(events.length, 3);
    answer = (shown) => (shown.message === 'Reopened 3 of 3 events.' ? 'Undo' : undefined);
    await vscode.commands.executeCommand<TriageResult>('cyberarkPta.reopenEvent', { eventIds: ids(events) });
    await summary('Closed 3 of 3');
    for (const before of events) {
      const after = vault(api).store.get(before.id)!;
      assert.equal(after.status, 'CLOSED');
      assert.equal(after.closeReason?.toUpperCase(), before.closeReason?.toUpperCase());
      assert.equal(after.reasonText, before.reasonText);
    }
  });

  it('offers Undo after closing one event', async () => {
    const [event] = open(1);
    answer = (shown) => (shown.items.includes('Undo') ? 'Undo' : undefined);
    await close([event]);
    const shown = await summary('Closed');
    assert.match(shown.message, /^Closed (?!1 of).+\.$/, 'named, not counted');
    assert.deepEqual(shown.items, ['Undo']);
    await waitFor(() => vault(api).store.get(event.id)?.status === 'OPEN', 'the Undo');
    assert.equal(vaultStatus(event.id), 'OPEN');
  });

  it('says the outcome is unknown when the answer to a close is lost, and asks the vault again', async () => {
    const events = open(4);
    sim.inject({ kind: 'reset' }, { method: 'PATCH', pathIncludes: events[2].id });
    const result = await close(events);
    assert.deepEqual(ids(result.outcomeUnknown), [events[2].id]);
    assert.match(result.outcomeUnknown[0].message, /whether it was applied is unknown/);
    assert.deepEqual(result.failed, []);
    assert.equal(result.succeeded.length, 3);
    const shown = await summary('Closed');
    assert.equal(shown.message, 'Closed 3 of 4 events. 1 with an unknown outcome (sent, but the answer was lost).');
    assert.equal(shown.severity, 'warning');
    assert.doesNotMatch(shown.message, /unchanged/);
    await waitFor(() => sim.requests.some((r) => r.method === 'GET'), 'a refresh of the vault');
    assert.equal(patchRequests(sim).length, 4, 'a PATCH whose answer was lost is never resent');
  });

  it('closes only the distinct open events of a select-all (events, audits, groups and Show more rows)', async () => {
    const groups = api.tree.getChildren().filter((n) => n.kind === 'group');
    const rows = (status: 'OPEN' | 'CLOSED', take: number) => {
      const group = groups.find((g) => g.kind === 'group' && g.status === status)!;
      const children = api.tree.getChildren(group);
      const events = children.filter((n) => n.kind === 'event').slice(0, take);
      return { events, selection: [group, ...events.flatMap((n) => [n, ...api.tree.getChildren(n)]), ...children.filter((n) => n.kind === 'more')] };
    };
    const openRows = rows('OPEN', 6);
    const closedRows = rows('CLOSED', 3);
    const selection: TreeNode[] = [...openRows.selection, ...closedRows.selection];
    assert.ok(selection.some((n) => n.kind === 'audit') && selection.some((n) => n.kind === 'more'));
    answer = (shown) => (shown.modal ? shown.items[0] : undefined);

    const pending = vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', openRows.events[0], selection);
    await pause(600);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await pause(600);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const result = await pending;

    const expected = openRows.events.map((n) => (n.kind === 'event' ? n.eventId : '')).sort();
    assert.equal(messages.shown.find((m) => m.modal)?.message, 'Close 6 events in the vault?');
    assert.deepEqual(ids(result.succeeded).sort(), expected);
    assert.deepEqual(patchRequests(sim).map((r) => r.path.split('/').pop()).sort(), expected, 'one request per distinct open event, none for closed ones');
    assert.deepEqual(patchRequests(sim)[0].body, { mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: '' });
  });

  it('Close All Matching Filter closes every open event the filter shows, after a confirmation naming the count and the filter', async () => {
    const counts = new Map<string, number>();
    for (const e of list(api, 'OPEN')) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
    const [type] = [...counts].sort((a, b) => b[1] - a[1])[0];
    const openBefore = list(api, 'OPEN').length;
    api.view.setFilter({ types: [type] });
    try {
      const matching = list(api, 'OPEN');
      assert.ok(matching.length >= 2 && matching.length < openBefore, 'the filter shows some open events, not all');
      const closedBefore = list(api, 'CLOSED').length;
      answer = (shown) => (shown.modal ? shown.items[0] : undefined);
      const result = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeAllMatching', { reason: 'NOTREAL', text: 'scanner run' });
      const modal = messages.shown.find((m) => m.modal)!;
      assert.equal(modal.message, `Close all ${matching.length} open events that match the filter?`);
      assert.equal(modal.detail?.split('\n')[0], `Filter: ${describeFilter(api.view.currentFilter)}.`);
      assert.deepEqual(modal.items, [`Close ${matching.length} Events`]);
      assert.deepEqual(ids(result.succeeded).sort(), ids(matching).sort());
      assert.equal(patchRequests(sim).length, matching.length);
      assert.equal(list(api, 'OPEN').length, 0);
      assert.equal(list(api, 'CLOSED').length, closedBefore + matching.length);
    } finally {
      api.view.setFilter({});
    }
    sim.clearRequests();
    const unfiltered = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeAllMatching', { reason: 'NOTREAL', text: 'x' });
    assert.equal(unfiltered.cancelled, true);
    assert.equal(patchRequests(sim).length, 0, 'without a filter nothing is closed');
    assert.match(messages.shown[messages.shown.length - 1].message, /^Set a filter first/);
  });
});

describe('export', () => {
  let api: Services;
  let sim: PvwaSimulator;
  let messages: ReturnType<typeof interceptMessages>;

  before(async () => {
    api = await extensionApi();
    const now = Date.now();
    // The hostile corpus with spreadsheet formulas, all open; ordinary closed events the filter hides.
    const hostile = hostileEvents(now, [...HOSTILE_STRINGS, ...FORMULAS]).map((e) => ({ ...e, mStatus: 'OPEN' }));
    const ordinary = generateEvents({ count: 20, seed: 9, now, hostileShare: 0 }).map((e) => ({ ...e, mStatus: 'CLOSED' }));
    sim = await startVault({ events: [...hostile, ...ordinary] });
    await signIn(api, sim);
    api.view.setFilter({ status: 'OPEN' });
  });

  beforeEach(() => (messages = interceptMessages()));
  afterEach(() => messages.restore());

  after(async () => {
    api.view.setFilter({});
    await signOut(api);
    await sim.stop();
  });

  const shownEvents = () => [...api.view.shown()].map(({ event }) => event);

  /** Runs Export Events…, picking the format at `formatIndex` in the real quick pick; answers the save dialog with a temporary file. */
  async function exportAs(formatIndex: number, extension: string): Promise<string> {
    const target = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pta-export-')), `events.${extension}`));
    const dialog = replaceWindowFunction('showSaveDialog', async () => target);
    try {
      const pending = vscode.commands.executeCommand('cyberarkPta.exportEvents');
      await pause(600);
      for (let i = 0; i < formatIndex; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await pending;
    } finally {
      dialog.restore();
    }
    const count = shownEvents().length;
    assert.equal((await messages.next((m) => m.message.startsWith('Exported'), 'the export message')).message, `Exported ${count} events to events.${extension}.`);
    return fs.readFileSync(target.fsPath, 'utf8');
  }

  it('exports the filtered list as RFC 4180 CSV in which no vault string can become a formula', async () => {
    const events = shownEvents();
    assert.equal(events.length, HOSTILE_STRINGS.length + FORMULAS.length, 'the filter hides the closed ones');
    const records = parseCsv(await exportAs(0, 'csv'));
    assert.deepEqual(records[0], EXPORT_COLUMNS.map((c) => c.title));
    assert.deepEqual(records.slice(1).map((r) => r[1]), ids(events));
    assert.ok(records.slice(1).every((r) => r[0] === vault(api).label), 'each row names its vault');
    for (const field of records.flat()) assert.doesNotMatch(field, /^[=+\-@\t\r]/, `a cell starts a formula: ${JSON.stringify(field.slice(0, 40))}`);
    const types = records.slice(1).map((r) => r[2]);
    for (const formula of FORMULAS) assert.ok(types.includes(`'${formula}`), `${JSON.stringify(formula)} kept behind an apostrophe`);
    assert.ok(types.includes('first line\r\nsecond line\rthird'), 'line breaks survive inside a quoted field');
  });

  it('exports the filtered list as JSON exactly as the vault sent it, under its vault', async () => {
    const parsed = JSON.parse(await exportAs(1, 'json'));
    assert.deepEqual(parsed, [{ source: vault(api).label, status_code: 200, json_body: shownEvents().map((e) => e.raw) }]);
  });

  it("offers Open in the export's notification, which opens the file written", async () => {
    messages.restore();
    messages = interceptMessages((shown) => (shown.message.startsWith('Exported') ? 'Open' : undefined));
    await exportAs(2, 'md');
    assert.deepEqual((await messages.next((m) => m.message.startsWith('Exported'), 'the export message')).items, ['Open']);
    await waitFor(() => vscode.window.activeTextEditor?.document.fileName.endsWith('events.md') === true, 'the exported file in an editor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('exports the filtered list as a Markdown table in which no vault string becomes markup or a link', async () => {
    const text = await exportAs(2, 'md');
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.length, shownEvents().length + 2, 'a header, a rule and one line per event');
    for (const line of lines) assert.equal(line.match(/(?<!\\)\|/g)?.length, 10, `a row of 9 cells: ${line.slice(0, 80)}`);
    assert.ok(lines.slice(2).every((line) => line.startsWith(`| ${vault(api).label.replace(/[.:]/g, (c) => `\\${c}`)} | `)), 'each row names its vault first');
    assert.doesNotMatch(text, /<(script|img|svg|iframe|a |b>|style|meta)/i);
    assert.doesNotMatch(text, /\]\(|!\[/);
  });

  it('copies one or many selected events as Markdown', async () => {
    const [first, second] = shownEvents();
    const node = (e: PtaEvent) => api.tree.revealableNode(vault(api).id, e.id)!;
    await vscode.commands.executeCommand('cyberarkPta.copyAsMarkdown', node(first), [node(first), node(second)]);
    const table = await vscode.env.clipboard.readText();
    assert.equal(table.trimEnd().split('\n').length, 4, 'a table of two events');
    assert.ok(table.includes(first.id) && table.includes(second.id));
    await vscode.commands.executeCommand('cyberarkPta.copyAsMarkdown', node(first));
    const one = await vscode.env.clipboard.readText();
    assert.match(one, /^### /);
    assert.ok(one.includes(`- **ID:** ${first.id}`));
    assert.ok(one.includes(`- **Source:** ${vault(api).label.replace(/[.:]/g, (c) => `\\${c}`)}\n`), 'the event names its vault');
  });
});
