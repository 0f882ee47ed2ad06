import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { key } from '../../../src/auth/passwordStore';
import type { TriageResult } from '../../../src/commands/triageBatch';
import type { Services } from '../../../src/services';
import type { VaultSource } from '../../../src/sources/vault/vaultSource';
import type { TreeNode } from '../../../src/tree/treeNodes';
import { generateEvents, RawEvent } from '../../simulator/data';
import { DEMO_USERNAME, PvwaSimulator } from '../../simulator/server';
import { answerClose, extensionApi, logText, patchRequests, replaceWindow, setSettings, signOut, waitFor } from './support';

const PROD_PASSWORD = 'Prod-only-password-1';
const DR_PASSWORD = 'DR-only-password-2';

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

function logons(sim: PvwaSimulator) {
  return sim.requests.filter((r) => r.method === 'POST' && /\/Logon$/i.test(r.path));
}

/** A vault event never seen before, updated now. */
function freshEvent(id: string, score: number): RawEvent {
  const [template] = generateEvents({ count: 1, seed: 404, now: Date.now(), hostileShare: 0 });
  return { ...template, id, type: 'GoldenTicket', score, mStatus: 'OPEN', closeReason: 'NONE', reasonText: null, lastUpdateTime: Date.now() };
}

describe('several vaults side by side', () => {
  let api: Services;
  let prodSim: PvwaSimulator;
  let drSim: PvwaSimulator;
  let prod: VaultSource;
  let dr: VaultSource;
  const entries = () => [
    { name: 'Prod', url: prodSim.baseUrl, username: DEMO_USERNAME, authMethod: 'CyberArk' },
    { name: 'DR', url: drSim.baseUrl, username: DEMO_USERNAME, authMethod: 'CyberArk' },
  ];

  before(async () => {
    api = await extensionApi();
    await signOut(api);
    // The same data in both: every event id exists in both vaults.
    const events = generateEvents({ count: 60, seed: 13, now: Date.now(), hostileShare: 0 });
    prodSim = new PvwaSimulator({ events: structuredClone(events), users: [{ username: DEMO_USERNAME, password: PROD_PASSWORD }] });
    drSim = new PvwaSimulator({ events: structuredClone(events), users: [{ username: DEMO_USERNAME, password: DR_PASSWORD }] });
    await prodSim.start();
    await drSim.start();
    await setSettings({ url: undefined, username: undefined, authMethod: undefined, autoRefreshSeconds: 0, lookbackDays: 30, fromUpdateDateUnit: 'auto', vaults: entries() });
    await api.vaults.sync();
    prod = api.vaults.get('vault:prod')!;
    dr = api.vaults.get('vault:dr')!;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOut(api);
    await api.passwords.delete(prodSim.appUrl, DEMO_USERNAME);
    await api.passwords.delete(drSim.appUrl, DEMO_USERNAME);
    await setSettings({ vaults: undefined });
    await api.vaults.sync();
    await prodSim.stop();
    await drSim.stop();
  });

  it('lists one node per vault, each signed out with its own Sign In row', () => {
    assert.deepEqual(api.vaults.all().map((v) => v.id), ['vault:prod', 'vault:dr']);
    const roots = api.tree.getChildren() as TreeNode[];
    const items = roots.map((n) => api.tree.getTreeItem(n));
    assert.deepEqual(items.map(labelOf), ['Prod', 'DR']);
    assert.ok(items.every((i) => /signed out/.test(String(i.description))));
    const children = api.tree.getChildren(roots[0]) as TreeNode[];
    assert.deepEqual(children.map((n) => n.kind === 'message' && n.role), ['signIn']);
  });

  it("signs in to each vault with its own password, never sending one vault's password to the other", async () => {
    await api.passwords.store(prodSim.appUrl, DEMO_USERNAME, PROD_PASSWORD);
    await api.passwords.store(drSim.appUrl, DEMO_USERNAME, DR_PASSWORD);
    assert.equal(await vscode.commands.executeCommand<boolean>('cyberarkPta.signIn', { sourceId: 'vault:prod' }), true);
    await waitFor(() => prod.state.kind === 'loaded', 'Prod to load');
    assert.equal(dr.session.isSignedIn, false);
    assert.equal(drSim.requests.length, 0, 'signing in to Prod sends nothing to DR');

    assert.equal(await vscode.commands.executeCommand<boolean>('cyberarkPta.signIn', { sourceId: 'vault:dr' }), true);
    await waitFor(() => dr.state.kind === 'loaded', 'DR to load');
    assert.deepEqual(logons(prodSim).map((r) => (r.body as { password?: string }).password), [PROD_PASSWORD]);
    assert.deepEqual(logons(drSim).map((r) => (r.body as { password?: string }).password), [DR_PASSWORD]);
    for (const r of drSim.requests) assert.ok(!JSON.stringify(r).includes(PROD_PASSWORD), 'the Prod password reached DR');
    for (const r of prodSim.requests) assert.ok(!JSON.stringify(r).includes(DR_PASSWORD), 'the DR password reached Prod');
  });

  it('keeps each password under its own vault key in SecretStorage', async () => {
    assert.notEqual(key(prodSim.appUrl, DEMO_USERNAME), key(drSim.appUrl, DEMO_USERNAME));
    assert.equal(await api.context.secrets.get(key(prodSim.appUrl, DEMO_USERNAME)), PROD_PASSWORD);
    assert.equal(await api.context.secrets.get(key(drSim.appUrl, DEMO_USERNAME)), DR_PASSWORD);
  });

  it('keeps the same event id in both vaults as two events: two rows, two panels', async () => {
    const id = [...prod.store.all()].find((e) => e.status === 'OPEN' && dr.store.get(e.id))?.id;
    assert.ok(id, 'an event id held by both vaults');
    const rows = [prod, dr].map((v) => api.tree.getTreeItem(api.tree.eventNode(v.id, id)));
    assert.equal(new Set(rows.map((r) => r.id)).size, 2, `two tree ids: ${rows.map((r) => r.id).join(', ')}`);
    const groups = [prod, dr].map((v) => (api.tree.getChildren(api.tree.getChildren().find((n) => n.sourceId === v.id)) as TreeNode[]).find((n) => n.kind === 'group' && n.status === 'OPEN')!);
    for (const group of groups) assert.ok(api.tree.getChildren(group).some((n) => n.kind === 'event' && n.eventId === id), `listed under ${group.sourceId}`);

    await vscode.commands.executeCommand('cyberarkPta.showEventDetails', { sourceId: prod.id, eventId: id });
    await vscode.commands.executeCommand('cyberarkPta.showEventDetails', { sourceId: dr.id, eventId: id });
    const panels = [prod, dr].map((v) => api.panels.get({ sourceId: v.id, eventId: id }));
    assert.ok(panels[0] && panels[1] && panels[0] !== panels[1], 'one panel per vault');
    assert.deepEqual(panels.map((p) => p!.ref.sourceId), [prod.id, dr.id]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('counts open events across vaults in the badge and the status bar', () => {
    const total = prod.store.count('OPEN') + dr.store.count('OPEN');
    assert.equal(api.treeView.badge?.value, total);
    assert.equal(api.chrome.statusBarText, `$(shield) ${total}`);
  });

  it('closes an event in each vault, each PATCH sent to its own vault only', async () => {
    const id = [...prod.store.all()].find((e) => e.status === 'OPEN' && dr.store.get(e.id)?.status === 'OPEN')!.id;
    prodSim.clearRequests();
    drSim.clearRequests();
    const ambiguous = replaceWindow({ showErrorMessage: (_original, message) => Promise.resolve(void message) });
    try {
      const refused = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', { eventIds: [id], reason: 'HANDLED', text: 'x' });
      assert.equal(refused.cancelled, true, 'an id in both vaults without a sourceId is refused');
    } finally {
      ambiguous();
    }
    assert.equal(patchRequests(prodSim).length + patchRequests(drSim).length, 0);

    const inProd = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', { eventIds: [id], sourceId: prod.id, reason: 'HANDLED', text: 'prod' });
    assert.deepEqual(inProd.succeeded, [{ sourceId: prod.id, eventId: id }]);
    assert.equal(patchRequests(drSim).length, 0, 'closing in Prod sends nothing to DR');
    assert.equal(dr.store.get(id)?.status, 'OPEN');

    const restore = answerClose('NOTREAL', 'dr');
    try {
      const node = api.tree.eventNode(dr.id, id);
      const inDr = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', node, [node]);
      assert.deepEqual(inDr.succeeded, [{ sourceId: dr.id, eventId: id }]);
    } finally {
      restore();
    }
    assert.deepEqual(patchRequests(prodSim).map((r) => r.body), [{ mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: 'prod' }]);
    assert.deepEqual(patchRequests(drSim).map((r) => r.body), [{ mStatus: 'CLOSED', closeReason: 'NOTREAL', reasonText: 'dr' }]);
    assert.equal(prodSim.getEvent(id)?.mStatus, 'CLOSED');
    assert.equal(drSim.getEvent(id)?.mStatus, 'CLOSED');
  });

  it('keeps one vault loaded and refreshing while the other fails', async () => {
    prodSim.inject({ kind: 'html', status: 503 }, { method: 'GET', pathIncludes: '/events', times: Infinity });
    drSim.upsertEvent(freshEvent('dddddddddddddddddddddd01', 12));
    const prodBefore = prod.store.size;
    try {
      const shown = replaceWindow({ showErrorMessage: (_original, message) => Promise.resolve(void message) });
      try {
        await vscode.commands.executeCommand('cyberarkPta.refresh');
      } finally {
        shown();
      }
      assert.equal(prod.state.kind, 'stale');
      assert.equal(prod.store.size, prodBefore, 'Prod keeps its last good list');
      assert.equal(dr.state.kind, 'loaded');
      assert.ok(dr.store.get('dddddddddddddddddddddd01'), 'DR refreshed');
      const [prodItem, drItem] = (api.tree.getChildren() as TreeNode[]).map((n) => api.tree.getTreeItem(n));
      assert.match(String(prodItem.description), /stale, as of/);
      assert.doesNotMatch(String(drItem.description), /stale|failed/);
      assert.match(api.chrome.statusBarText, /\$\(warning\)/);
    } finally {
      prodSim.clearFaults();
      await vscode.commands.executeCommand('cyberarkPta.refresh', { sourceId: prod.id });
    }
    assert.equal(prod.state.kind, 'loaded');
  });

  it('names the vault of a new high-risk alert', async () => {
    drSim.upsertEvent(freshEvent('dddddddddddddddddddddd02', 97));
    await vscode.commands.executeCommand('cyberarkPta.refresh', { sourceId: dr.id });
    let lines: string[] = [];
    await waitFor(() => (lines = logText(api).split('\n').filter((l) => l.includes('Announced:') && l.includes('in DR'))).length > 0, 'the alert in the log');
    assert.match(lines[0], /Announced: 1 new high-risk event in DR: Golden Ticket \(97\)$/);
  });

  it('names the vault and the field of a bad entry, and the other vaults keep working', async () => {
    const openBefore = prod.store.count('OPEN');
    const dismiss = replaceWindow({ showWarningMessage: (_original, message) => Promise.resolve(void message) });
    try {
      await setSettings({ vaults: [...entries(), { name: 'Lab', url: 'ftp://lab.example.com', username: DEMO_USERNAME }] });
      const configs = await api.vaults.sync();
      assert.equal(configs.problems.length, 1);
      assert.match(configs.problems[0], /^Vault "Lab" \(cyberarkPta\.vaults entry 3\): "url" is not usable/);
    } finally {
      dismiss();
    }
    assert.deepEqual(api.vaults.all().map((v) => v.id), ['vault:prod', 'vault:dr']);
    assert.equal(api.vaults.get('vault:prod'), prod, 'the same source, not rebuilt');
    assert.ok(prod.session.isSignedIn && dr.session.isSignedIn);
    assert.equal(prod.store.count('OPEN'), openBefore);
    await setSettings({ vaults: entries() });
    await api.vaults.sync();
  });

  it('signs out of one vault without touching the other', async () => {
    await prod.session.signOut({ timeoutMs: 2000 });
    assert.equal(prod.store.size, 0);
    assert.equal(prod.state.kind, 'signedOut');
    assert.equal(dr.state.kind, 'loaded');
    assert.ok(dr.store.size > 0);
    assert.equal(api.treeView.badge?.value, dr.store.count('OPEN'));
  });

  it('drops from the filter a vault that is removed or renamed, with a log line, so the other vaults are shown again', async () => {
    const renamed = { ...entries()[1], name: 'DR site' };
    assert.equal(await vscode.commands.executeCommand<boolean>('cyberarkPta.signIn', { sourceId: prod.id }), true);
    await waitFor(() => prod.state.kind === 'loaded', 'Prod to load');
    api.view.setFilter({ sources: [dr.id] });
    assert.equal(api.view.list(prod.id, 'OPEN').length, 0, 'the filter shows DR only');
    try {
      await setSettings({ vaults: [entries()[0], renamed] });
      await api.vaults.sync();
      assert.deepEqual(api.vaults.all().map((v) => v.id), ['vault:prod', 'vault:dr site']);
      assert.equal(api.view.currentFilter.sources, undefined, 'the filter lets go of the renamed vault');
      assert.equal(api.view.list(prod.id, 'OPEN').length, prod.store.count('OPEN'), "Prod's events are shown again");
      assert.ok(prod.store.count('OPEN') > 0);
      assert.ok(api.view.showsSource(prod.id) && api.view.showsSource('vault:dr site'));
      await waitFor(() => logText(api).includes('The filter named vault:dr, which no longer exists: it was taken out of the filter.'), 'the log line', 8000);
    } finally {
      api.view.setFilter({});
      await setSettings({ vaults: entries() });
      await api.vaults.sync();
    }
  });

  describe('with the single-vault settings', () => {
    it('works as one vault when cyberarkPta.vaults is empty', async () => {
      await signOut(api);
      await setSettings({ vaults: undefined, url: prodSim.baseUrl, username: DEMO_USERNAME, authMethod: 'CyberArk' });
      await api.vaults.sync();
      assert.deepEqual(api.vaults.all().map((v) => v.id), ['vault:default']);
      assert.equal(await vscode.commands.executeCommand<boolean>('cyberarkPta.signIn'), true);
      const single = api.vaults.all()[0];
      await waitFor(() => single.state.kind === 'loaded', 'the single vault to load');
      assert.deepEqual(api.tree.getChildren().map((n) => labelOf(api.tree.getTreeItem(n))), ['Open', 'Closed']);
      assert.match(api.treeView.description ?? '', /^updated/);
    });

    /** Runs Add Vault… for DR, answering its prompts and the question about the signed-in single vault with `answer`. */
    async function addDr(answer: string | undefined, questions: string[]): Promise<string | undefined> {
      const answers = ['DR', drSim.baseUrl, DEMO_USERNAME];
      const restore = replaceWindow({
        showInputBox: () => Promise.resolve(answers.shift()),
        showInformationMessage: (_original, message) => Promise.resolve(void message),
        showWarningMessage: (_original, message, options) => {
          questions.push(`${String(message)} ${(options as vscode.MessageOptions).modal ? '(modal)' : ''}`);
          return Promise.resolve(answer);
        },
      });
      try {
        const pending = vscode.commands.executeCommand<string | undefined>('cyberarkPta.addVault');
        // The method step is a real quick pick, CyberArk preselected.
        await waitFor(() => answers.length === 0, 'the name, address and user name to be asked');
        await new Promise((resolve) => setTimeout(resolve, 500));
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return await pending;
      } finally {
        restore();
      }
    }

    it('Add Vault asks before moving the signed-in single vault, and Cancel keeps the session and the settings', async () => {
      const single = api.vaults.all()[0];
      assert.ok(single.session.isSignedIn);
      const questions: string[] = [];
      assert.equal(await addDr(undefined, questions), undefined);
      assert.deepEqual(questions, ['Adding DR moves 127.0.0.1 into cyberarkPta.vaults, and you are signed in to it. (modal)']);
      assert.equal(vscode.workspace.getConfiguration('cyberarkPta').inspect('vaults')?.globalValue, undefined, 'nothing was written');
      assert.ok(single.session.isSignedIn, 'still signed in');
      assert.equal(api.vaults.all()[0], single);
    });

    it('Add Vault keeps the single vault in the list beside the new one, signed in again', async () => {
      const questions: string[] = [];
      assert.equal(await addDr('Add and Sign In Again', questions), 'DR');
      assert.equal(questions.length, 1);
      const saved = vscode.workspace.getConfiguration('cyberarkPta').inspect<Array<{ name: string; url: string }>>('vaults')?.globalValue ?? [];
      assert.deepEqual(saved.map((e) => [e.name, e.url]), [
        ['127.0.0.1', `${prodSim.baseUrl}/PasswordVault`],
        ['DR', drSim.baseUrl],
      ]);
      assert.deepEqual(api.vaults.all().map((v) => v.label), ['127.0.0.1', 'DR']);
      const moved = api.vaults.all()[0];
      await waitFor(() => moved.state.kind === 'loaded', 'the moved vault to be signed in and loaded again');
      assert.equal(api.vaults.all()[1].session.isSignedIn, false, 'the new vault waits for its own sign-in');
    });
  });
});
