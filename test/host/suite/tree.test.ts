import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Services } from '../../../src/services';
import type { TreeNode } from '../../../src/tree/treeNodes';
import { PvwaSimulator } from '../../simulator/server';
import { expectedEvents, extensionApi, list, pause, signIn, signOut, startVault, vault } from './support';
import { isPsmEvent } from '../../../src/respond/behindEvent';

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

describe('events tree', () => {
  let api: Services;
  let sim: PvwaSimulator;

  before(async () => {
    api = await extensionApi();
    sim = await startVault({ count: 500, seed: 11 });
    await signIn(api, sim);
  });

  after(async () => {
    await signOut(api);
    await sim.stop();
  });

  it('shows Open and Closed with the counts of the vault data in the look-back window', () => {
    const roots = api.tree.getChildren();
    const items = roots.map((n) => api.tree.getTreeItem(n));
    assert.deepEqual(items.map(labelOf), ['Open', 'Closed']);
    const open = expectedEvents(sim, 'OPEN');
    const closed = expectedEvents(sim, 'CLOSED');
    assert.ok(open.length > 200 && closed.length > 0, 'the data set has both statuses and more than a page of open events');
    assert.equal(items[0].description, String(open.length));
    assert.equal(items[1].description, String(closed.length));
    assert.ok(open.length + closed.length < sim.events().length, 'events older than 30 days are left out');
  });

  it('lists events newest first, one page at a time, with a Show more node', () => {
    const open = expectedEvents(sim, 'OPEN');
    const children = api.tree.getChildren(api.tree.getChildren()[0]);
    assert.equal(children.length, 201);
    const ids = children.slice(0, 200).map((n) => (n as { eventId: string }).eventId);
    assert.deepEqual(ids, open.slice(0, 200).map((e) => e.id));
    const more = api.tree.getTreeItem(children[200]);
    assert.equal(labelOf(more), `Show ${Math.min(open.length - 200, 200)} more…`);
    assert.equal(more.description, `${open.length - 200} not shown`);
    assert.equal(more.command?.command, 'cyberarkPta.showMore');
    api.tree.showMore(vault(api).id, 'OPEN');
    assert.equal(api.tree.getChildren(api.tree.getChildren()[0]).length, Math.min(open.length, 400) + (open.length > 400 ? 1 : 0));
  });

  it('renders every event readably: words, score, age, risk icon, never "undefined"', () => {
    for (const status of ['OPEN', 'CLOSED'] as const) {
      for (const event of list(api, status)) {
        const node = api.tree.eventNode(vault(api).id, event.id);
        const item = api.tree.resolveTreeItem(api.tree.getTreeItem(node), node);
        const text = [labelOf(item), item.description, item.tooltip].join('\n');
        assert.doesNotMatch(text, /undefined|NaN|\[object Object\]/, `event ${event.id}`);
        assert.match(labelOf(item), /^\d+(\.\d)? · \S/, 'the score leads the label, so a narrow sidebar cuts the type, not the score');
        assert.match(String(item.description), /(just now|\d+ (min|h|d) ago)( · seen \d+× before)?$/, 'the age, then the hints');
        const psm = isPsmEvent(event) ? ':psm' : '';
        assert.equal((item.contextValue ?? '').replace(/:lookalikes(?=:psm$|$)/, ''), status === 'OPEN' ? `event:open:triage:pvwa${psm}` : `event:closed:triage:pvwa${psm}`);
        const icon = item.iconPath as vscode.ThemeIcon;
        const band = event.score > 75 ? 'high' : event.score >= 35 ? 'medium' : 'low';
        if (status === 'OPEN') assert.equal((icon.color as vscode.ThemeColor).id, `cyberarkPta.risk.${band}`);
        else assert.notEqual((icon.color as vscode.ThemeColor | undefined)?.id, `cyberarkPta.risk.${band}`, 'a closed event is muted, whatever its risk');
        assert.ok(!/[\u202e\u0000\n]/.test(labelOf(item)), 'no raw control or direction characters in a label');
        assert.match(String(item.tooltip), new RegExp(`^Event ID: ${event.id}$`, 'm'));
      }
    }
  });

  it("shows an event's audits as its children, sparse ones included", () => {
    let audits = 0;
    for (const event of list(api, 'OPEN').slice(0, 100)) {
      const children = api.tree.getChildren(api.tree.eventNode(vault(api).id, event.id)) as TreeNode[];
      assert.equal(children.length, event.auditCount);
      for (const child of children) {
        const item = api.tree.resolveTreeItem(api.tree.getTreeItem(child), child);
        assert.doesNotMatch([labelOf(item), item.description, item.tooltip].join('\n'), /undefined|NaN|\[object Object\]/);
        assert.ok(labelOf(item).length > 0);
        audits++;
      }
    }
    assert.ok(audits > 100);
  });

  it('reveals and selects an event deep in a group', async () => {
    const last = list(api, 'OPEN').at(-1)!;
    const node = api.tree.revealableNode(vault(api).id, last.id)!;
    await vscode.commands.executeCommand('workbench.view.extension.cyberarkPta');
    await api.treeView.reveal(node, { select: true, focus: false });
    assert.deepEqual(api.treeView.selection.map((n) => (n as { eventId?: string }).eventId), [last.id]);
  });

  it('keeps the last good list when a refresh fails, and says it is stale', async () => {
    const before = vault(api).store.size;
    sim.inject({ kind: 'html', status: 503 }, { method: 'GET', times: 3 });
    await vscode.commands.executeCommand('cyberarkPta.refresh');
    assert.equal(vault(api).store.size, before);
    assert.match(vault(api).refresh.current.lastError ?? '', /answered HTTP 503: the PVWA service may be stopped/);
    assert.match(api.treeView.message ?? '', /^Refresh failed: .*503.* Showing the list as of/);
    await vscode.commands.executeCommand('cyberarkPta.refresh');
    assert.equal(vault(api).refresh.current.lastError, undefined);
    assert.equal(api.treeView.message, undefined);
  });

  it('shows the open count as a badge and the minimum-score filter in the message', async () => {
    assert.equal(api.treeView.badge?.value, vault(api).store.count('OPEN'));
    await vscode.commands.executeCommand('cyberarkPta.filterEvents', { minScore: 90 });
    const shown = list(api, 'OPEN');
    assert.ok(shown.length > 0 && shown.every((e) => e.score >= 90));
    assert.match(api.treeView.message ?? '', /Filtered: score ≥ 90/);
    assert.equal(api.tree.getTreeItem(api.tree.getChildren()[0]).description, `${shown.length} of ${vault(api).store.count('OPEN')}`);
    await vscode.commands.executeCommand('cyberarkPta.clearFilter');
    assert.equal(api.view.isFiltered, false);
    assert.equal(api.treeView.message, undefined);
  });

  it('opens the filter menu from the title button, which passes the focused node, without touching the filter', async () => {
    await vscode.commands.executeCommand('cyberarkPta.filterEvents', { minScore: 90 });
    const focusedNode = api.tree.getChildren()[0];
    const pending = vscode.commands.executeCommand('cyberarkPta.filterEvents', focusedNode);
    await pause(600);
    assert.equal(api.view.currentFilter.minScore, 90);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await pending;
    assert.equal(api.view.currentFilter.minScore, 90);
    await vscode.commands.executeCommand('cyberarkPta.clearFilter');
  });
});
