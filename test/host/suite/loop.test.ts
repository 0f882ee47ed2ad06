import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Services } from '../../../src/services';
import type { TriageResult } from '../../../src/commands/triageBatch';
import type { TreeNode } from '../../../src/tree/treeNodes';
import { triageMemory } from '../../../src/derived/triageMemory';
import { CLOSE_REASONS } from '../../../src/model/closeReason';
import { formatScore, readableEventType, shortEventType } from '../../../src/model/format';
import { eventAudits } from '../../../src/model/ptaEvent';
import { PvwaSimulator } from '../../simulator/server';
import { extensionApi, list, patchRequests, pause, ref, signIn, signOut, startVault, vault, waitFor, waitForPage } from './support';

/** The keyboard loop: read an event, close it, go to the next, without the tree folding or reordering under the analyst. */
describe('the triage loop from the keyboard', () => {
  let api: Services;
  let sim: PvwaSimulator;
  const folds: string[] = [];
  let subscriptions: vscode.Disposable[] = [];

  before(async () => {
    api = await extensionApi();
    sim = await startVault({ count: 80, seed: 23 });
    await signIn(api, sim);
    subscriptions = [
      api.treeView.onDidCollapseElement((e) => folds.push(`collapsed ${describe(e.element)}`)),
      api.treeView.onDidExpandElement((e) => folds.push(`expanded ${describe(e.element)}`)),
    ];
  });

  beforeEach(() => {
    sim.clearRequests();
    folds.length = 0;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    for (const s of subscriptions) s.dispose();
    await signOut(api);
    await sim.stop();
  });

  function describe(node: TreeNode): string {
    return node.kind === 'group' ? `group ${node.status}` : node.kind;
  }

  function selectedEventId(): string | undefined {
    const [node] = api.treeView.selection;
    return node?.kind === 'event' ? node.eventId : undefined;
  }

  /** What Down and Up are bound to in the Events view (package.json). */
  async function press(key: 'down' | 'up'): Promise<void> {
    await vscode.commands.executeCommand('runCommands', { commands: [key === 'down' ? 'list.focusDown' : 'list.focusUp', 'list.select'] });
    await pause(150);
  }

  it('never folds a group with Up or Down: not up from the first event onto Open and down again, not down from the last open event onto Closed', async () => {
    const open = list(api, 'OPEN');
    await api.treeView.reveal(api.tree.eventNode(vault(api).id, open[0].id), { select: true, focus: true });
    await pause(150);
    await press('down');
    await press('up');
    await press('up');
    assert.deepEqual(api.treeView.selection.map(describe), ['group OPEN'], 'the Open group row is selected');
    await press('down');
    assert.equal(selectedEventId(), open[0].id, 'Down from the Open row goes to the first event');
    await press('up');
    assert.deepEqual(api.treeView.selection.map(describe), ['group OPEN']);
    await press('down');
    assert.equal(selectedEventId(), open[0].id, 'Open is still expanded');

    // The last open event, then Down onto Closed.
    await api.treeView.reveal(api.tree.eventNode(vault(api).id, open[open.length - 1].id), { select: true, focus: true });
    await pause(150);
    await press('down');
    assert.deepEqual(api.treeView.selection.map(describe), ['group CLOSED']);
    await press('up');
    assert.equal(selectedEventId(), open[open.length - 1].id, 'Closed did not expand: Up comes back to the last open event');
    assert.deepEqual(folds, [], 'no group folded or unfolded');
  });

  it('after a close from the tree, selects and previews the next open event, and keeps the order of the list', async () => {
    const before = list(api, 'OPEN').map((e) => e.id);
    const subject = before[2];
    await api.treeView.reveal(api.tree.eventNode(vault(api).id, subject), { select: true, focus: true });
    await waitFor(() => api.panels.preview?.eventId === subject, 'the preview of the selected event');

    const outcome = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', { eventIds: [subject], reason: 'HANDLED', text: 'Checked with the owner' });
    assert.deepEqual(outcome.succeeded.map((r) => r.eventId), [subject]);
    assert.equal(selectedEventId(), before[3], 'the next open event is selected');
    await pause(300);
    assert.deepEqual(folds, [], 'Closed did not unfold to follow the closed event');
    await waitFor(() => api.panels.preview?.eventId === before[3], 'the preview to follow');
    assert.deepEqual(list(api, 'OPEN').map((e) => e.id), before.filter((id) => id !== subject), 'the others keep their order');
    assert.equal(list(api, 'CLOSED').some((e) => e.id === subject), true);

    // Undo reopens it: back in its place, not at the top, though the vault gave it a new update time.
    const undone = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.undoLastTriage');
    assert.deepEqual(undone.succeeded.map((r) => r.eventId), [subject]);
    assert.ok(vault(api).store.get(subject)!.lastUpdateTime > vault(api).store.get(before[0])!.lastUpdateTime, 'the vault updated it last');
    assert.deepEqual(list(api, 'OPEN').map((e) => e.id), before, 'reopened in its place');

    // Refresh: the list takes the order the update times give.
    await vscode.commands.executeCommand('cyberarkPta.refresh');
    assert.equal(list(api, 'OPEN')[0].id, subject, 'after a refresh it is listed by its new update time');
  });

  it('after a close from the preview panel, moves the selection and preview on; from the last open event, to the one before', async () => {
    const open = list(api, 'OPEN').map((e) => e.id);
    const last = open[open.length - 1];
    await api.treeView.reveal(api.tree.eventNode(vault(api).id, last), { select: true, focus: true });
    await waitFor(() => api.panels.preview?.eventId === last, 'the preview of the last open event');
    const panel = api.panels.preview!;
    await waitForPage(() => panel.isReady, 'the preview page');
    assert.equal(panel.receive({ type: 'action', action: 'close', eventId: last }), true);
    await pause(500);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await pause(300);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor(() => vault(api).store.get(last)?.status === 'CLOSED', 'the close');
    await waitFor(() => selectedEventId() === open[open.length - 2], 'the open event before it to be selected');
    await waitFor(() => api.panels.preview?.eventId === open[open.length - 2], 'the preview to follow');
  });

  it('walks the open events with Next and Previous Open Event, over closed ones and audits', async () => {
    const open = list(api, 'OPEN').map((e) => e.id);
    const closed = list(api, 'CLOSED')[0];
    await api.treeView.reveal(api.tree.eventNode(vault(api).id, closed.id), { select: true, focus: true });
    await vscode.commands.executeCommand('cyberarkPta.nextOpenEvent');
    assert.equal(selectedEventId(), open[0], 'from a closed event: the first open one');
    await vscode.commands.executeCommand('cyberarkPta.nextOpenEvent');
    await vscode.commands.executeCommand('cyberarkPta.nextOpenEvent');
    assert.equal(selectedEventId(), open[2]);
    await vscode.commands.executeCommand('cyberarkPta.previousOpenEvent');
    assert.equal(selectedEventId(), open[1]);
    await waitFor(() => api.panels.preview?.eventId === open[1], 'the preview to follow');
  });

  it('sends every related event once the page asks to show all, and the strongest 20 again for the next event', async () => {
    const index = api.indexes.of(vault(api).id)!;
    const [subject, next] = list(api, 'OPEN').filter((e) => index.related(e.id, 0).total > 20);
    assert.ok(subject && next, 'two open events with more than 20 related events');
    await vscode.commands.executeCommand('cyberarkPta.showEventDetails', { ...ref(api, subject.id), preview: true });
    const panel = api.panels.preview!;
    await waitForPage(() => panel.isReady, 'the preview page');
    assert.equal(panel.model.related!.events.length, 20);
    assert.equal(panel.receive({ type: 'related', action: 'all', eventId: subject.id }), true);
    assert.equal(panel.model.related!.events.length, Math.min(1000, index.related(subject.id, 0).total));
    await vscode.commands.executeCommand('cyberarkPta.showEventDetails', { ...ref(api, next.id), preview: true });
    assert.equal(api.panels.preview!.model.related!.events.length, 20);
  });

  it('leads a row with the score and a short type, then whom and where; the hints come last, shortened', () => {
    const index = api.indexes.of(vault(api).id)!;
    const event = list(api, 'OPEN').find((e) => index.lookAlikeCount(e.id) > 0 && e.type === 'PSMSuspiciousActivity') ?? list(api, 'OPEN').find((e) => index.lookAlikeCount(e.id) > 0)!;
    const audit = eventAudits(event).find((a) => a.vaultUser || a.account);
    api.view.setFilter({ text: audit?.vaultUser ?? audit?.account ?? event.type }, { transient: true });
    try {
      const node = api.tree.eventNode(vault(api).id, event.id);
      const item = api.tree.resolveTreeItem(api.tree.getTreeItem(node), node);
      assert.equal(item.label, `${formatScore(event.score)} · ${shortEventType(event.type)}`);
      assert.ok(shortEventType(event.type).length <= 24);
      const parts = String(item.description).split(' · ');
      const ageAt = parts.findIndex((p) => /(just now|ago)$/.test(p));
      assert.ok(ageAt >= 0, String(item.description));
      assert.ok(parts.slice(ageAt + 1).some((p) => p.startsWith('matched')), `the match reason after the facts: ${item.description}`);
      assert.equal(parts[parts.length - 1], `seen ${index.lookAlikeCount(event.id)}× before`);
      assert.ok(parts.every((p) => p.length <= 80), 'every part shortened');
      assert.match(String(item.tooltip), new RegExp(`^${readableEventType(event.type)}$`, 'm'), 'the full type in the tooltip');
    } finally {
      api.view.setFilter({});
    }
  });

  it('offers Undo Last Triage while there is a close to undo, and not after it is used', async () => {
    const event = list(api, 'OPEN')[0];
    const palette = vscode.extensions.getExtension('pta-triage.cyberark-pta')!.packageJSON.contributes.menus.commandPalette as Array<{ command: string; when: string }>;
    assert.equal(palette.find((m) => m.command === 'cyberarkPta.undoLastTriage')?.when, 'cyberarkPta.canUndoTriage');
    await vscode.commands.executeCommand('cyberarkPta.closeEvent', { eventIds: [event.id], reason: 'HANDLED', text: 'Done' });
    assert.equal(vault(api).store.get(event.id)?.status, 'CLOSED');
    sim.clearRequests();
    const undone = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.undoLastTriage');
    assert.deepEqual(undone.succeeded.map((r) => r.eventId), [event.id]);
    assert.deepEqual(patchRequests(sim).map((r) => r.body), [{ mStatus: 'OPEN', closeReason: 'NONE' }]);
    assert.equal(vault(api).store.get(event.id)?.status, 'OPEN');

    sim.clearRequests();
    const again = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.undoLastTriage');
    assert.equal(again.cancelled, true, 'nothing left to undo');
    assert.equal(patchRequests(sim).length, 0);
  });

  it('names the active order in the view and keeps it visible after a re-sort', async () => {
    assert.match(api.treeView.description ?? '', / · newest first$/);
    await vscode.commands.executeCommand('cyberarkPta.sortByScore');
    await waitFor(() => (api.treeView.description ?? '').endsWith(' · by score'), 'the order in the description');
    const scores = list(api, 'OPEN').map((e) => e.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    await vscode.commands.executeCommand('cyberarkPta.sortByUpdate');
    await waitFor(() => (api.treeView.description ?? '').endsWith(' · newest first'), 'the order back');
  });

  it("shows the reason step first when closing the same way, the look-alikes' reason chosen and changeable before the text", async () => {
    const index = api.indexes.of(vault(api).id)!;
    const subject = list(api, 'OPEN').find((e) => !!triageMemory(index.lookAlikes(e.id), Date.now(), e.score)?.suggestion?.text);
    assert.ok(subject, 'an open event whose look-alikes were closed with a reason and a text');
    const suggestion = triageMemory(index.lookAlikes(subject.id), Date.now(), subject.score)!.suggestion!;
    // The suggested reason is listed first; the others follow in their usual order.
    const changed = CLOSE_REASONS.map((r) => r.value).filter((r) => r !== suggestion.reason)[0];
    const pending = vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeSameWay', ref(api, subject.id));
    await pause(600);
    // One Down moves from the suggested reason to the next one, Enter takes it.
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await pause(400);
    assert.equal(patchRequests(sim).length, 0, 'nothing sent before the text step');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const outcome = await pending;
    assert.deepEqual(outcome.succeeded.map((r) => r.eventId), [subject.id]);
    assert.deepEqual(patchRequests(sim).map((r) => r.body), [{ mStatus: 'CLOSED', closeReason: changed, reasonText: suggestion.text }]);
  });
});
