import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OpenFromAlertResult } from '../../../src/commands/openFromAlertCommand';
import type { OpenOutcome } from '../../../src/files/fileCommands';
import type { Services } from '../../../src/services';
import type { PvwaSimulator } from '../../simulator/server';
import { extensionApi, interceptMessages, list, logText, replaceWindow, signIn, signOut, startVault, vault, waitFor } from './support';

const CEF_TEMPLATE = (id: string) =>
  `<134>Dec  3 09:12:00 pta-server CEF:0|CyberArk|PTA|14.2|21|Suspected credentials theft|8|suser=mike2@prod1 shost=prod1 src=10.0.0.1 duser=andy@dev1 dhost=dev1 dst=10.0.0.2 cs1Label=ExtraData cs1=None cs2Label=EventID cs2=${id} deviceCustomDate1Label=detectionDate deviceCustomDate1=1388577900000`;
const LEEF_TEMPLATE = (id: string) => `LEEF:1.0|CyberArk|PTA|14.2|21|cat=Suspected credentials theft\tsev=8\tsrc=10.0.0.1\tusrName=andy@dev1\teventIdLabel=eventID\teventID=${id}\tdevTime=1388577600000`;

function liveListRequests(sim: PvwaSimulator) {
  return sim.requests.filter((r) => r.method === 'GET' && /\/API\/LiveSessions\/?$/i.test(r.path));
}

function rowOf(api: Services, eventId: string): vscode.TreeItem {
  return api.tree.getTreeItem(api.tree.eventNode(vault(api).id, eventId));
}

function tooltipOf(api: Services, eventId: string): string {
  const node = api.tree.eventNode(vault(api).id, eventId);
  return String(api.tree.resolveTreeItem(api.tree.getTreeItem(node), node).tooltip ?? '');
}

function vaultTooltip(api: Services): string {
  return String(api.tree.getTreeItem(api.tree.sourceNode(vault(api).id)).tooltip ?? '');
}

function markedIds(api: Services): string[] {
  return [...list(api, 'OPEN'), ...list(api, 'CLOSED')].filter((e) => /live session/.test(String(rowOf(api, e.id).description))).map((e) => e.id);
}

/** Refreshes and waits until the list after it has had its chance to go out. */
async function refreshAndSettle(sim: PvwaSimulator, expectList: boolean): Promise<void> {
  const before = liveListRequests(sim).length;
  await vscode.commands.executeCommand('cyberarkPta.refresh');
  if (expectList) await waitFor(() => liveListRequests(sim).length > before, 'the live sessions list');
  await new Promise((resolve) => setTimeout(resolve, 300));
}

async function signInAs(api: Services, sim: PvwaSimulator, profile: { version: string; auditor: boolean }): Promise<void> {
  await signOut(api);
  sim.profile.version = profile.version;
  sim.profile.auditor = profile.auditor;
  sim.clearRequests();
  await signIn(api, sim);
  await waitFor(() => vault(api).vaultCapabilities !== undefined, "the vault's capabilities");
}

describe('respond rows: live sessions on rows, the vault version, Open Event from Alert', () => {
  let api: Services;
  let sim: PvwaSimulator;
  let liveIds: string[];

  before(async () => {
    api = await extensionApi();
    await signOut(api);
    await vscode.commands.executeCommand('cyberarkPta.clearFilter');
    sim = await startVault({ count: 80 });
    await signInAs(api, sim, { version: '14.2.0', auditor: false });
    await waitFor(() => vault(api).liveSessions.sessions.length > 0, 'the live sessions');
    liveIds = list(api, 'OPEN').filter((e) => sim.respond.liveSessionOf(e.id)).map((e) => e.id);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOut(api);
    await sim.stop();
  });

  it('marks the rows of open events whose PSM session is live, after whom and where, and no other row', () => {
    assert.ok(liveIds.length >= 1, 'the simulator ties live sessions to loaded open events');
    assert.deepEqual(markedIds(api).sort(), [...liveIds].sort());
    for (const id of liveIds) {
      const row = rowOf(api, id);
      const description = String(row.description);
      assert.match(description, / on .* · live session · /, `whom and where come first: ${description}`);
      assert.equal((row.iconPath as vscode.ThemeIcon).id, 'vm-running');
      assert.match(String(row.accessibilityInformation?.label), /its PSM session is live/);
    }
    const other = list(api, 'OPEN').find((e) => !liveIds.includes(e.id))!;
    assert.notEqual((rowOf(api, other.id).iconPath as vscode.ThemeIcon).id, 'vm-running');
  });

  it("says in the row's tooltip which session: user, account@address, from IP, started", () => {
    const [id] = liveIds;
    const record = sim.respond.liveSessionOf(id)!.record;
    const tooltip = tooltipOf(api, id);
    assert.ok(tooltip.includes(`Live PSM session: ${record.User} as ${record.AccountUsername}@${record.AccountAddress} from ${record.FromIP}, started `), tooltip);
    const other = list(api, 'OPEN').find((e) => !liveIds.includes(e.id))!;
    assert.ok(!tooltipOf(api, other.id).includes('Live PSM session'));
  });

  it('asks for live sessions exactly once per refresh, and tells the view only when the live set changed', async () => {
    const watch = vault(api).liveSessions;
    let changes = 0;
    const subscription = watch.onDidChange(() => changes++);
    try {
      sim.clearRequests();
      await refreshAndSettle(sim, true);
      await refreshAndSettle(sim, true);
      assert.equal(liveListRequests(sim).length, 2);
      assert.equal(changes, 0, 'the same sessions: no redraw');

      // One session ends: its row loses the mark at the next refresh, the others keep theirs.
      const ended = sim.respond.liveSessionOf(liveIds[0])!;
      const sessions = sim.respond.data.liveSessions;
      sessions.splice(sessions.indexOf(ended), 1);
      try {
        await refreshAndSettle(sim, true);
        assert.equal(changes, 1);
        assert.deepEqual(markedIds(api).sort(), liveIds.slice(1).sort());
      } finally {
        sessions.push(ended);
      }
      await refreshAndSettle(sim, true);
      assert.deepEqual(markedIds(api).sort(), [...liveIds].sort());
    } finally {
      subscription.dispose();
    }
  });

  it("shows the vault's version in its node's tooltip and the status bar", () => {
    assert.match(vaultTooltip(api), /^PVWA 14\.2\.0$/m);
    assert.match(api.chrome.statusBarTooltip, /PVWA 14\.2\.0/);
  });

  it('never asks a vault older than the call (PVWA 9.10) and says why in its tooltip; a 10.4 vault is asked', async () => {
    await signInAs(api, sim, { version: '9.9', auditor: false });
    await refreshAndSettle(sim, false);
    assert.equal(liveListRequests(sim).length, 0);
    assert.deepEqual(markedIds(api), []);
    assert.match(vaultTooltip(api), /PVWA 9\.9/);
    assert.match(vaultTooltip(api), /needs PVWA 9\.10; this vault is 9\.9/);

    await signInAs(api, sim, { version: '10.4', auditor: false });
    await waitFor(() => liveListRequests(sim).length === 1, 'the list after the first load');
    await waitFor(() => markedIds(api).length === liveIds.length, 'the rows marked');
  });

  it('stops asking after a 403 until the next sign-in, says so once in the log, marks nothing', async () => {
    await signInAs(api, sim, { version: '14.2.0', auditor: true });
    await waitFor(() => liveListRequests(sim).length === 1, 'the refused list');
    assert.equal(liveListRequests(sim)[0].status, 403);
    await refreshAndSettle(sim, false);
    await refreshAndSettle(sim, false);
    assert.equal(liveListRequests(sim).length, 1, 'asked once only');
    assert.deepEqual(markedIds(api), []);
    assert.match(vaultTooltip(api), /not listed until the next sign-in/);
    await waitFor(() => logText(api).includes('Live sessions are not listed until the next sign-in'), 'the refusal in the log', 15_000);
    assert.equal(logText(api).split('Live sessions are not listed until the next sign-in').length - 1, 1, 'logged once');

    await signInAs(api, sim, { version: '14.2.0', auditor: false });
    await waitFor(() => markedIds(api).length === liveIds.length, 'the rows marked again after signing in');
    assert.equal(liveListRequests(sim).length, 1);
  });

  it('forgets the live sessions at sign-out', async () => {
    await signOut(api);
    assert.equal(vault(api).liveSessions.sessions.length, 0);
    await signInAs(api, sim, { version: '14.2.0', auditor: false });
    await waitFor(() => markedIds(api).length === liveIds.length, 'the rows marked');
  });

  describe('Open Event from Alert', () => {
    let folder: string;

    before(() => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pta-alert-'));
    });

    afterEach(async () => {
      for (const source of api.sources.all().filter((s) => s.kind === 'file')) await vscode.commands.executeCommand('cyberarkPta.closeSource', { sourceId: source.id });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    after(() => fs.rmSync(folder, { recursive: true, force: true }));

    const open = (text: unknown) => vscode.commands.executeCommand<OpenFromAlertResult | undefined>('cyberarkPta.openFromAlert', text);

    async function assertOpened(result: OpenFromAlertResult | undefined, eventId: string, form: string): Promise<void> {
      assert.deepEqual(result, { ok: true, sourceId: vault(api).id, eventId, form });
      await waitFor(() => api.treeView.selection[0]?.kind === 'event' && (api.treeView.selection[0] as { eventId: string }).eventId === eventId, 'the event selected in the tree');
      assert.ok(api.panels.get({ sourceId: vault(api).id, eventId }), 'its details are open');
    }

    it('opens the event from its id, its PVWA link on any host, a CEF line and a LEEF line', async () => {
      const [a, b, c, d] = list(api, 'OPEN').slice(3, 7).map((e) => e.id);
      await assertOpened(await open(a), a, 'id');
      await assertOpened(await open(`https://pvwa.elsewhere.example/PasswordVault/v10/pta/events/${b}`), b, 'link');
      await assertOpened(await open(CEF_TEMPLATE(c)), c, 'cef');
      await assertOpened(await open({ text: LEEF_TEMPLATE(d) }), d, 'leef');
    });

    it('opens an event the filter hides, and says the filter hides it', async () => {
      const event = list(api, 'OPEN').find((e) => e.score < 90)!;
      const said: string[] = [];
      const restore = replaceWindow({ setStatusBarMessage: (original, text, ...rest) => (said.push(String(text)), original(text, ...rest)) });
      try {
        api.view.setFilter({ minScore: 90 });
        const result = await open(event.id);
        assert.equal(result?.ok, true);
        assert.ok(api.panels.get({ sourceId: vault(api).id, eventId: event.id }), 'its details are open');
        assert.ok(said.some((text) => text.includes(`Event ${event.id} is hidden by the filter of the Events view`)), said.join(' | '));
      } finally {
        restore();
        api.view.setFilter({});
      }
    });

    it('asks which source when several hold the event, naming each', async () => {
      const event = list(api, 'OPEN')[0];
      const file = path.join(folder, 'saved.json');
      fs.writeFileSync(file, JSON.stringify(sim.events()));
      const opened = await vscode.commands.executeCommand<OpenOutcome>('cyberarkPta.openEventsFile', vscode.Uri.file(file));
      assert.ok(opened.ok);
      let offered: string[] = [];
      const restore = replaceWindow({
        showQuickPick: async (_original, items) => {
          const offeredItems = await (items as Thenable<Array<{ label: string; source: { id: string } }>>);
          offered = offeredItems.map((i) => i.label);
          return offeredItems.find((i) => i.source.id === opened.sourceId);
        },
      });
      try {
        const result = await open(CEF_TEMPLATE(event.id));
        assert.deepEqual(offered, [vault(api).label, 'saved.json']);
        assert.deepEqual(result, { ok: true, sourceId: opened.sourceId, eventId: event.id, form: 'cef' });
        // The file's copy of a live event is not marked: files have no sessions.
        const fileRow = api.tree.getTreeItem(api.tree.eventNode(opened.sourceId, liveIds[0]));
        assert.doesNotMatch(String(fileRow.description), /live session/);
      } finally {
        restore();
      }
    });

    it('says which sources it searched when none holds the event, after asking the vault for changes', async () => {
      const messages = interceptMessages();
      try {
        sim.clearRequests();
        const result = await open('0123456789abcdef01234567');
        assert.equal(result?.ok, false);
        assert.deepEqual(result?.ok === false && result.searched, [vault(api).label]);
        const shown = await messages.next((m) => /was not found/.test(m.message), 'the not-found message');
        assert.equal(shown.message, `Event 0123456789abcdef01234567 was not found in ${vault(api).label}.`);
        assert.ok(sim.requests.some((r) => /\/API\/pta\/API\/Events\/?$/.test(r.path)), 'the vault was asked for changes first');

        await signOut(api);
        const signedOut = await open('0123456789abcdef01234567');
        assert.match(signedOut?.ok === false ? signedOut.message : '', /was not found in .* \(signed out\)\.$/);
      } finally {
        messages.restore();
        await signInAs(api, sim, { version: '14.2.0', auditor: false });
      }
    });

    it('finds an event that reached the vault after the last refresh', async () => {
      const [template] = sim.events().filter((e) => e.mStatus === 'OPEN');
      const fresh = { ...structuredClone(template), id: 'fedcba9876543210fedcba98', lastUpdateTime: Date.now() };
      sim.upsertEvent(fresh);
      await assertOpened(await open(fresh.id), fresh.id, 'id');
    });

    it('keeps hostile text inert: refused with its own words, nothing run, nothing opened', async () => {
      const messages = interceptMessages();
      try {
        const editors = vscode.window.tabGroups.all.flatMap((g) => g.tabs).length;
        for (const text of ['$(alert) [Sign out](command:cyberarkPta.signOut)', `CEF:0|CyberArk|PTA|1|2|x|8|cs2Label=EventID cs2=[x](command:cyberarkPta.signOut)`, '\u202e'.repeat(3) + 'x'.repeat(20_000)]) {
          const result = await open(text);
          assert.equal(result?.ok, false);
        }
        assert.equal(messages.shown.length, 3);
        for (const shown of messages.shown) {
          assert.equal(shown.severity, 'error');
          assert.ok(!shown.message.includes('command:') && !shown.message.includes('$('), shown.message);
        }
        assert.equal(vault(api).session.isSignedIn, true);
        assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).length, editors);
      } finally {
        messages.restore();
      }
    });
  });
});
