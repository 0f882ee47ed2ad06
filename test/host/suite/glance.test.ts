import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { addressProblem } from '../../../src/commands/vaultPrompts';
import type { TriageResult } from '../../../src/commands/triageBatch';
import type { Services } from '../../../src/services';
import type { AuditNode, EventNode, TreeNode } from '../../../src/tree/treeNodes';
import { DEMO_PASSWORD, DEMO_USERNAME, PvwaSimulator } from '../../simulator/server';
import { parseVaultAddress } from '../../../src/api/baseUrl';
import { answerClose, extensionApi, list, logText, patchRequests, replaceWindow, setSettings, signIn, signOut, startVault, vault, waitFor } from './support';

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

describe('triage at a glance', () => {
  let api: Services;
  let sim: PvwaSimulator;

  before(async () => {
    api = await extensionApi();
    sim = await startVault({ count: 150, seed: 41 });
    await signIn(api, sim);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSettings({ autoRefreshSeconds: 0 });
    await signOut(api);
    await sim.stop();
  });

  afterEach(() => sim.clearFaults());

  describe('a selection means its distinct events', () => {
    it('closes an event selected with two of its audits and a group node with one request', async () => {
      const sourceId = vault(api).id;
      const event = list(api, 'OPEN').find((e) => e.auditCount >= 2)!;
      const eventNode = api.tree.eventNode(sourceId, event.id);
      const audits = api.tree.getChildren(eventNode) as AuditNode[];
      const group = api.tree.getChildren()[0];
      sim.clearRequests();
      const confirmations: string[] = [];
      const restore = answerClose('HANDLED', 'checked', confirmations);
      try {
        const outcome = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', audits[1], [eventNode, audits[0], audits[1], group]);
        assert.deepEqual(outcome.succeeded.map((r) => r.eventId), [event.id]);
      } finally {
        restore();
      }
      assert.deepEqual(confirmations, [], 'one event needs no "close N events" confirmation');
      assert.deepEqual(patchRequests(sim).map((r) => r.path), [`/PasswordVault/API/pta/API/Events/${event.id}`]);
    });

    it('ignores closed events in the selection, and the confirmation counts only what is sent', async () => {
      const sourceId = vault(api).id;
      const [first, second] = list(api, 'OPEN');
      const closed = list(api, 'CLOSED')[0];
      const nodes: EventNode[] = [first, closed, second].map((e) => api.tree.eventNode(sourceId, e.id));
      sim.clearRequests();
      const confirmations: string[] = [];
      const restore = answerClose('NOTREAL', 'maintenance', confirmations);
      try {
        await vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', nodes[0], nodes);
      } finally {
        restore();
      }
      assert.deepEqual(confirmations, ['Close 2 events in the vault?']);
      assert.deepEqual(patchRequests(sim).map((r) => r.path.split('/').pop()).sort(), [first.id, second.id].sort());
      assert.equal(vault(api).store.get(closed.id)?.status, 'CLOSED');
    });
  });

  it('says when the list was last updated, and "as of" while it is stale', async () => {
    assert.match(api.treeView.description ?? '', /^updated (just now|\d+ min ago) · newest first$/);
    sim.inject({ kind: 'html', status: 503 }, { method: 'GET', pathIncludes: '/events', times: Infinity });
    await vscode.commands.executeCommand('cyberarkPta.refresh');
    assert.equal(vault(api).state.kind, 'stale');
    assert.match(api.treeView.description ?? '', /^as of \d/);
    sim.clearFaults();
    await vscode.commands.executeCommand('cyberarkPta.refresh');
    assert.match(api.treeView.description ?? '', /^updated just now · newest first$/);
  });

  it('names the HTTP status in every message made from one', async function () {
    this.timeout(60_000);
    const faults = [
      { status: 404, fault: { kind: 'html', status: 404 } },
      { status: 500, fault: { kind: 'html', status: 500 } },
      { status: 502, fault: { kind: 'html', status: 502 } },
      { status: 503, fault: { kind: 'html', status: 503 } },
      { status: 500, fault: { kind: 'emptyBody', status: 500 } },
      { status: 400, fault: { kind: 'error', status: 400, code: 'PASWS167E', message: 'There are some invalid parameters.' } },
    ] as const;
    for (const { status, fault } of faults) {
      sim.inject(fault, { method: 'GET', pathIncludes: '/events', times: Infinity });
      await vscode.commands.executeCommand('cyberarkPta.refresh');
      const error = vault(api).refresh.current.lastError ?? '';
      assert.match(error, new RegExp(`\\bHTTP ${status}\\b`), `${fault.kind} ${status}: ${error}`);
      assert.ok((api.treeView.message ?? '').includes(`HTTP ${status}`), `the view message names ${status}: ${api.treeView.message}`);
      sim.clearFaults();
      await vscode.commands.executeCommand('cyberarkPta.refresh');
      assert.equal(vault(api).refresh.current.lastError, undefined);
    }
  });

  it('narrows the view to an account, names it by its name, and keeps counting every open event', async () => {
    const sourceId = vault(api).id;
    let audit: AuditNode | undefined;
    for (const event of list(api, 'OPEN')) {
      audit = (api.tree.getChildren(api.tree.eventNode(sourceId, event.id)) as AuditNode[]).find((a) => a.audit.accountId && a.audit.account && a.audit.account !== a.audit.accountId);
      if (audit) break;
    }
    assert.ok(audit, 'an audit with an account id and name');
    const openAll = vault(api).store.count('OPEN');
    try {
      await vscode.commands.executeCommand('cyberarkPta.showEventsForAccount', audit);
      const shown = list(api, 'OPEN').length;
      assert.ok(shown > 0 && shown < openAll, `the view is narrowed (${shown} of ${openAll})`);
      assert.equal(api.treeView.badge?.value, openAll, 'the badge counts every open event');
      assert.equal(api.chrome.statusBarText, `$(shield) ${openAll}`, 'the status bar counts every open event');
      assert.ok((api.treeView.message ?? '').includes(`account ${audit.audit.account}`), `the message names the account: ${api.treeView.message}`);
      assert.ok(!(api.treeView.message ?? '').includes(audit.audit.accountId!), 'not by its id');
    } finally {
      await vscode.commands.executeCommand('cyberarkPta.clearFilter');
    }
  });

  it('previews three single clicks in one panel without taking the focus, and pins on a double click', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => api.panels.all().length === 0, 'every panel to close');
    const sourceId = vault(api).id;
    const events = list(api, 'OPEN').slice(0, 4);
    const click = (eventId: string) => {
      const command = api.tree.getTreeItem(api.tree.eventNode(sourceId, eventId)).command!;
      return vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    };
    const created: unknown[] = [];
    const restore = replaceWindow({
      createWebviewPanel: (original, ...args) => {
        created.push(args[2]);
        return original(...args);
      },
    });
    try {
      for (const event of events.slice(0, 3)) await click(event.id);
      assert.equal(api.panels.all().length, 1, 'one preview panel, reused');
      assert.equal(api.panels.preview?.eventId, events[2].id);
      assert.deepEqual(created, [{ viewColumn: vscode.ViewColumn.Active, preserveFocus: true }], 'the focus stays in the tree');

      await click(events[3].id);
      await click(events[3].id);
      assert.equal(api.panels.preview, undefined, 'the double-clicked panel is pinned');
      assert.equal(api.panels.get({ sourceId, eventId: events[3].id })?.eventId, events[3].id);
      assert.equal(api.panels.all().length, 1);
    } finally {
      restore();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('checks an address before it is saved', () => {
    assert.equal(addressProblem('https://pvwa.example.com'), undefined);
    assert.equal(addressProblem('https://pvwa.example.com/PasswordVault'), undefined);
    assert.equal(addressProblem('http://127.0.0.1:8080'), undefined, 'plain http to this machine is allowed');
    assert.match(addressProblem('http://pvwa.example.com') ?? '', /Plain http:\/\/ would send your password unencrypted to pvwa\.example\.com/);
    for (const bad of ['', 'pvwa example com', 'ftp://pvwa.example.com', 'https://', 'https://user:pw@pvwa.example.com']) {
      assert.ok(addressProblem(bad), `refused: ${JSON.stringify(bad)}`);
    }
  });

  it('raises one notification per auto-refresh failure streak, and says the recovery quietly', async function () {
    this.timeout(40_000);
    const warnings: string[] = [];
    const restore = replaceWindow({
      showWarningMessage: (original, message, ...rest) => {
        warnings.push(String(message));
        return original(message, ...rest);
      },
    });
    const failingGets = () => sim.requests.filter((r) => r.method === 'GET' && r.status === 503).length;
    const streakWarnings = () => warnings.filter((w) => /^Refreshing .* failed:/.test(w));
    try {
      sim.clearRequests();
      sim.inject({ kind: 'html', status: 503 }, { method: 'GET', pathIncludes: '/events', times: Infinity });
      await setSettings({ autoRefreshSeconds: 1 });
      await waitFor(() => failingGets() >= 2 && !vault(api).refresh.current.refreshing, 'two failed automatic refreshes', 15_000);
      assert.equal(streakWarnings().length, 1, warnings.join('\n'));
      assert.match(streakWarnings()[0], /HTTP 503/);

      sim.clearFaults();
      await waitFor(() => vault(api).state.kind === 'loaded', 'an automatic refresh to succeed', 15_000);
      assert.equal(streakWarnings().length, 1, 'the recovery is not a notification');

      sim.inject({ kind: 'html', status: 503 }, { method: 'GET', pathIncludes: '/events', times: Infinity });
      await waitFor(() => streakWarnings().length === 2, 'the next streak to be told', 15_000);
    } finally {
      restore();
      await setSettings({ autoRefreshSeconds: 0 });
      sim.clearFaults();
      await vscode.commands.executeCommand('cyberarkPta.refresh');
      await vscode.commands.executeCommand('notifications.clearAll');
    }
    assert.ok(logText(api).split('\n').filter((l) => /Refresh failed: .*HTTP 503/.test(l)).length >= 3, 'each attempt is logged');
  });

  describe('a failed first load', () => {
    before(async () => {
      await signOut(api);
    });

    it('is not "Open 0": the view says it failed with the status and offers Retry, the status bar shows "?", and Retry loads', async () => {
      sim.inject({ kind: 'html', status: 503 }, { method: 'GET', pathIncludes: '/events', times: Infinity });
      const source = vault(api);
      await source.session.signIn({ address: parseVaultAddress(sim.baseUrl), username: DEMO_USERNAME, method: 'CyberArk' }, DEMO_PASSWORD);
      await waitFor(() => source.state.kind === 'failed', 'the first load to fail');
      const roots = api.tree.getChildren() as TreeNode[];
      assert.deepEqual(roots.map((n) => n.kind === 'message' && n.role), ['failed', 'retry']);
      const failed = api.tree.getTreeItem(roots[0]);
      assert.match(labelOf(failed), /failed/);
      assert.match(String(failed.description), /HTTP 503/);
      assert.doesNotMatch(roots.map((n) => labelOf(api.tree.getTreeItem(n))).join(' '), /Open|Closed/);
      assert.equal(api.chrome.statusBarText, '$(shield) ? $(warning)');
      assert.equal(api.treeView.badge, undefined);
      assert.match(api.treeView.message ?? '', /Loading events failed: .*HTTP 503/);

      sim.clearFaults();
      const retry = api.tree.getTreeItem(roots[1]);
      assert.equal(labelOf(retry), 'Retry');
      await vscode.commands.executeCommand(retry.command!.command, ...(retry.command!.arguments ?? []));
      await waitFor(() => source.state.kind === 'loaded', 'Retry to load');
      assert.deepEqual(api.tree.getChildren().map((n) => labelOf(api.tree.getTreeItem(n))), ['Open', 'Closed']);
      assert.equal(api.chrome.statusBarText, `$(shield) ${source.store.count('OPEN')}`);
    });
  });
});
