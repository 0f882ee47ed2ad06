import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RespondCommandResult } from '../../../src/commands/respondCommands';
import type { BehindEvent } from '../../../src/respond/behindEvent';
import type { EventRef } from '../../../src/sources/eventSource';
import type { Services } from '../../../src/services';
import { PvwaSimulator } from '../../simulator/server';
import { extensionApi, interceptMessages, list, ref, replaceWindow, signIn, signOut, startVault, vault, waitFor } from './support';

/** "Behind this event" and the respond actions, against the simulator over HTTP. */
describe('Respond: behind this event and its actions', function () {
  this.timeout(60_000);
  let api: Services;
  let sim: PvwaSimulator;

  before(async () => {
    api = await extensionApi();
    sim = await startVault({ count: 60, seed: 7, cpmDelayMs: 300 });
    await signIn(api, sim);
    await waitFor(() => vault(api).vaultCapabilities !== undefined, "the vault's capabilities");
    api.respond.pollOptions = { pollMs: 200, polls: 5 };
    // The record lasts across reloads: start from none.
    for (const { ref: recorded } of api.respond.records.entries()) await api.respond.records.clear(recorded);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOut(api);
    await sim.stop();
  });

  /** An open event of the list whose PSM session the simulator has live. */
  function liveEvent(index = 0): { eventRef: EventRef; sessionId: string } {
    const open = new Set(list(api, 'OPEN').map((e) => e.id));
    const tied = sim.respond.data.liveSessions.filter((s) => s.eventId && open.has(s.eventId));
    const session = tied[index];
    assert.ok(session, 'the simulator has a live session behind an open event');
    return { eventRef: ref(api, session.eventId!), sessionId: String(session.record.SessionID) };
  }

  /** Opens the event's panel and waits for every part of its section. */
  async function behindOf(eventRef: EventRef, refresh = false): Promise<BehindEvent> {
    await vscode.commands.executeCommand('cyberarkPta.showEventDetails', eventRef);
    await api.respond.section.load(eventRef, refresh);
    // A refresh an action started may still be under way: its picture is the one shown.
    const settled = () => {
      const behind = api.respond.cache.get(eventRef);
      return !!behind && (['session', 'account', 'user', 'rule'] as const).every((part) => behind[part].state !== 'loading');
    };
    await waitFor(settled, 'every part of the section');
    return api.respond.cache.get(eventRef)!;
  }

  function answerModal(button: string | undefined) {
    const modals: string[] = [];
    const restore = replaceWindow({
      showWarningMessage: (original, message, ...rest) => {
        const options = rest[0];
        if (options && typeof options === 'object' && (options as { modal?: boolean }).modal) {
          modals.push(String(message));
          return Promise.resolve(button === undefined ? undefined : rest.find((r) => r === button));
        }
        return original(message, ...rest);
      },
    });
    return { modals, restore };
  }

  it('shows the live session behind a PSM event, with its activities and the flagged command, and nothing for other events', async () => {
    const { eventRef, sessionId } = liveEvent();
    sim.clearRequests();
    const behind = await behindOf(eventRef);
    assert.equal(behind.session.state, 'ready');
    if (behind.session.state !== 'ready') return;
    const [best, ...others] = behind.session.value.live;
    assert.equal(best.session.sessionId, sessionId);
    assert.ok(others.every((s) => !String(s.session.remoteMachine).startsWith('unrelated')), 'no unrelated session shown as the event\'s');
    assert.equal(best.activities.state, 'ready');
    assert.ok(best.flagged.length > 0, 'the flagged command is marked');
    const lists = sim.requests.filter((r) => /\/API\/LiveSessions$/i.test(r.path.split('?')[0]));
    assert.equal(lists.length, 1, 'one live-sessions call, for this event only');
    const message = api.respond.section.message(eventRef)!;
    const sessionView = message.view!.parts.find((p) => p.key === 'session')!;
    assert.match(sessionView.alert ?? '', /live now/i);
    assert.ok(sessionView.sessions![0].activities.some((a) => a.flagged));
  });

  it('lists every matching live session, best first, when several match', async () => {
    const { eventRef, sessionId } = liveEvent(1);
    const original = sim.respond.liveSessionOf(eventRef.eventId)!;
    const second = { ...original, record: { ...original.record, SessionID: `${sessionId}_b`, SessionGuid: 'guid-second', FromIP: '10.255.0.9', Start: Number(original.record.Start) - 60 }, activities: [...original.activities] };
    sim.respond.data.liveSessions.push(second);
    try {
      const behind = await behindOf(eventRef, true);
      assert.equal(behind.session.state, 'ready');
      if (behind.session.state !== 'ready') return;
      assert.deepEqual(behind.session.value.live.map((s) => s.session.sessionId), [sessionId, `${sessionId}_b`]);
      assert.equal(behind.session.value.live[1].fromIpAgrees, false);
    } finally {
      sim.respond.data.liveSessions.splice(sim.respond.data.liveSessions.indexOf(second), 1);
    }
  });

  it('says no session is live and shows the recording with its activities when the session has ended', async () => {
    const recorded = sim.respond.data.recordings.find((s) => s.eventId && api.sources.resolve(ref(api, s.eventId)));
    assert.ok(recorded, 'an event with a recording');
    const behind = await behindOf(ref(api, recorded.eventId!));
    assert.equal(behind.session.state, 'ready');
    if (behind.session.state !== 'ready') return;
    assert.equal(behind.session.value.live.length, 0);
    assert.equal(behind.session.value.recording?.session.sessionId, recorded.record.SessionID);
    assert.equal(behind.session.value.recording?.activities.state, 'ready');
    const view = api.respond.section.message(ref(api, recorded.eventId!))!.view!.parts.find((p) => p.key === 'session')!;
    assert.ok(view.notes!.includes('No matching PSM session is live.'));
  });

  it('shows the account by its id, the vault user and the PTA rule that fired', async () => {
    const psm = list(api, 'OPEN').find((e) => (e.raw.additionalData as { matchPatterns?: string } | undefined)?.matchPatterns && (e.raw.audits as Array<{ accountId?: string }>).some((a) => a.accountId));
    assert.ok(psm, 'an open PSM detection with an account id');
    const eventRef = ref(api, psm.id);
    const behind = await behindOf(eventRef);
    assert.equal(behind.account.state, 'ready', JSON.stringify(behind.account));
    if (behind.account.state === 'ready') {
      assert.equal(behind.account.value.found.foundBySearch, false);
      assert.equal(behind.account.value.activities.state, 'ready');
    }
    assert.equal(behind.user.state, 'ready', JSON.stringify(behind.user));
    const event = api.sources.resolve(eventRef)!.event;
    const vaultUser = event.raw.audits as Array<{ vaultUser?: string }>;
    if (behind.user.state === 'ready') assert.equal(behind.user.value.user.username?.toLowerCase(), vaultUser.find((a) => a.vaultUser)?.vaultUser?.toLowerCase());
    assert.equal(behind.rule.state, 'ready');
    if (behind.rule.state === 'ready') {
      assert.equal(behind.rule.value.rule?.regex, (event.raw.additionalData as { matchPatterns?: string }).matchPatterns);
      assert.ok(behind.rule.value.rule?.description);
    }
  });

  it('finds the account by search, and says so, when the event has no account id', async () => {
    const { eventRef } = liveEvent(2);
    const found = api.sources.resolve(eventRef)!;
    const audits = found.event.raw.audits as Array<Record<string, unknown>>;
    const saved = audits.map((a) => a.accountId);
    for (const audit of audits) delete audit.accountId;
    try {
      const behind = await behindOf(eventRef, true);
      assert.equal(behind.account.state, 'ready', JSON.stringify(behind.account));
      if (behind.account.state === 'ready') assert.equal(behind.account.value.found.foundBySearch, true);
      const view = api.respond.section.message(eventRef)!.view!.parts.find((p) => p.key === 'account')!;
      assert.match(view.notes!.join(' '), /Found by search/);
    } finally {
      audits.forEach((a, i) => (a.accountId = saved[i]));
    }
  });

  it('shows a 404 in its own place, and keeps the other parts', async () => {
    const { eventRef } = liveEvent();
    const event = api.sources.resolve(eventRef)!.event;
    const accountId = (event.raw.audits as Array<{ accountId?: string }>).find((a) => a.accountId)!.accountId!;
    const account = sim.respond.data.accounts.find((a) => a.id === accountId)!;
    sim.respond.data.accounts.splice(sim.respond.data.accounts.indexOf(account), 1);
    try {
      const behind = await behindOf(eventRef, true);
      assert.equal(behind.account.state, 'failed');
      if (behind.account.state === 'failed') {
        assert.equal(behind.account.status, 404);
        assert.match(behind.account.message, /PASWS165E/);
      }
      assert.equal(behind.session.state, 'ready');
    } finally {
      sim.respond.data.accounts.push(account);
    }
  });

  it('renders hostile activity text as plain text', async () => {
    const { eventRef } = liveEvent();
    const session = sim.respond.liveSessionOf(eventRef.eventId)!;
    const hostile = '<img src=x onerror=alert(1)>\u202Egnp.exe';
    session.activities.push({ ActivityText: hostile, ActivityType: 'Command', ActivityId: 'h1' });
    try {
      await behindOf(eventRef, true);
      const message = api.respond.section.message(eventRef)!;
      const texts = message.view!.parts.find((p) => p.key === 'session')!.sessions![0].activities.map((a) => a.text);
      assert.ok(texts.includes('<img src=x onerror=alert(1)><U+202E>gnp.exe'), texts.join(' | '));
      const panel = api.panels.get(eventRef)!;
      assert.ok(!panel.html.includes('onerror'), 'no vault data in the HTML');
    } finally {
      session.activities.pop();
    }
  });

  it('terminates the live session after a confirmation naming it and the vault, reads it again and records it', async () => {
    const { eventRef, sessionId } = liveEvent();
    await behindOf(eventRef, true);
    const modal = answerModal(undefined);
    const cancelPick = replaceWindow({ showQuickPick: () => Promise.resolve(undefined) });
    try {
      sim.clearRequests();
      const refused = await vscode.commands.executeCommand<RespondCommandResult>('cyberarkPta.terminateSession', eventRef);
      assert.equal(refused.sent, false);
      assert.equal(sim.requests.filter((r) => r.method === 'POST').length, 0, 'nothing sent without the confirmation');
    } finally {
      cancelPick();
      modal.restore();
    }
    const messages = interceptMessages();
    const confirm = answerModal('Terminate PSM Session');
    const offered: string[] = [];
    const restorePick = replaceWindow({
      showQuickPick: async (_original, items) => {
        const list = await (items as Thenable<Array<{ label: string; description?: string; target: { session: { sessionId: string } } }>>);
        offered.push(...list.map((i) => `${i.label} ${i.description ?? ''}`));
        return list.find((i) => i.target.session.sessionId === sessionId);
      },
    });
    try {
      sim.clearRequests();
      const result = await vscode.commands.executeCommand<RespondCommandResult>('cyberarkPta.terminateSession', eventRef);
      const live = api.respond.cache.get(eventRef);
      if (offered.length > 0) assert.ok(offered.every((o) => /PSM session on .+@.+ from .+, started /.test(o)), offered.join(' | '));
      assert.match(confirm.modals[0], new RegExp(`^Terminate the PSM session of \\S+ on \\S+@\\S+, from \\S+, started .+, in vault ${vault(api).label.replace(/[.]/g, '\\.')}\\?$`));
      assert.equal(result.sent && result.outcome, 'done');
      const post = sim.requests.find((r) => r.method === 'POST')!;
      assert.equal(post.path, `/PasswordVault/API/LiveSessions/${sessionId}/Terminate/`);
      assert.ok(sim.requests.findIndex((r) => r.method === 'GET' && /LiveSessions/.test(r.path)) > sim.requests.indexOf(post), 'read again after');
      assert.equal(sim.respond.liveSessionOf(eventRef.eventId), undefined);
      const [entry] = api.respond.records.list(eventRef);
      assert.equal(entry.action, 'terminateSession');
      assert.equal(entry.outcome, 'done');
      assert.equal(entry.by, 'analyst');
      assert.ok(live);
    } finally {
      restorePick();
      confirm.restore();
      messages.restore();
    }
  });

  it('changes the credentials with ChangeEntireGroup and says when the CPM has done it', async () => {
    const { eventRef } = liveEvent(1);
    await behindOf(eventRef, true);
    const messages = interceptMessages();
    const confirm = answerModal('Change Credentials Now');
    try {
      sim.clearRequests();
      const result = await vscode.commands.executeCommand<RespondCommandResult>('cyberarkPta.changeCredentials', eventRef);
      const post = sim.requests.find((r) => r.method === 'POST')!;
      assert.match(post.path, /\/API\/Accounts\/[^/]+\/Change\/$/);
      assert.deepEqual(post.body, { ChangeEntireGroup: true });
      assert.equal(result.sent && result.outcome, 'done', JSON.stringify(result));
      assert.match(confirm.modals[0], /^Change the credentials of account .+@.+ \(safe .+\), in vault /);
    } finally {
      confirm.restore();
      messages.restore();
    }
  });

  it('suspends the vault user by sending the whole user object, offers Undo, and Undo activates', async () => {
    const { eventRef } = liveEvent(1);
    const behind = await behindOf(eventRef, true);
    assert.equal(behind.user.state, 'ready');
    const userId = behind.user.state === 'ready' ? behind.user.value.user.id! : '';
    const before = { ...sim.respond.data.users.find((u) => String(u.id) === userId)! };
    const messages = interceptMessages((shown) => (shown.items.includes('Undo') ? 'Undo' : undefined));
    const confirm = answerModal('Suspend Vault User');
    try {
      sim.clearRequests();
      const result = await vscode.commands.executeCommand<RespondCommandResult>('cyberarkPta.suspendVaultUser', eventRef);
      assert.equal(result.sent && result.outcome, 'done', JSON.stringify(result));
      const put = sim.requests.find((r) => r.method === 'PUT')!;
      assert.equal(put.path, `/PasswordVault/API/Users/${userId}`);
      assert.deepEqual(Object.keys(put.body as object).sort(), Object.keys(before).sort(), 'the whole user object');
      assert.equal((put.body as { suspended: boolean }).suspended, true);
      await waitFor(() => sim.requests.some((r) => r.method === 'POST' && r.path.endsWith(`/Users/${userId}/Activate`)), 'Undo to activate');
      await waitFor(() => api.respond.records.list(eventRef).some((e) => e.action === 'activateVaultUser' && e.outcome === 'done'), 'the Undo recorded');
      assert.equal(sim.respond.data.users.find((u) => String(u.id) === userId)!.suspended, false);
    } finally {
      confirm.restore();
      messages.restore();
    }
  });

  it('names the PVWA permission on a 403, records the failure, and leaves it out of the close text', async () => {
    const { eventRef } = liveEvent(1);
    await behindOf(eventRef, true);
    sim.profile.auditor = true;
    const messages = interceptMessages();
    const confirm = answerModal('Verify Credentials');
    try {
      const result = await vscode.commands.executeCommand<RespondCommandResult>('cyberarkPta.verifyCredentials', eventRef);
      assert.equal(result.sent && result.outcome, 'failed');
      assert.match(result.sent ? result.detail : '', /HTTP 403.*Initiate CPM account management operations/);
      const shown = await messages.next((m) => m.severity === 'error', 'the failure');
      assert.match(shown.message, /403/);
    } finally {
      sim.profile.auditor = false;
      confirm.restore();
      messages.restore();
    }
    const picked: string[] = [];
    const texts: string[] = [];
    const restore = replaceWindow({
      showQuickPick: async (_original, items) => {
        const list = await (items as Thenable<Array<{ value?: string }>>);
        picked.push(String(list[0].value));
        return list[0];
      },
      showInputBox: (_original, options) => {
        texts.push(String((options as vscode.InputBoxOptions).value));
        return Promise.resolve(undefined);
      },
    });
    try {
      await vscode.commands.executeCommand('cyberarkPta.closeEvent', eventRef);
    } finally {
      restore();
    }
    assert.equal(picked[0], 'HANDLED');
    assert.ok(texts[0].length <= 100);
    assert.match(texts[0], /^Credential changed; \S+ suspended; \S+ activated$/);
    assert.doesNotMatch(texts[0], /verif/i);
  });

  // After the actions above: their record.
  it('shows the record in the section, in Copy as Markdown and in the shift report, and clears it from the page', async () => {
    const { eventRef } = liveEvent(1);
    await behindOf(eventRef);
    const record = api.respond.section.message(eventRef)!.view!.record;
    assert.ok(record.some((line) => /analyst in .+: The CPM queued and then did the credential change of account .+ \(done\)$/.test(line)), record.join('\n'));
    assert.ok(record.some((line) => /\(failed\)$/.test(line)));
    await vscode.commands.executeCommand('cyberarkPta.copyAsMarkdown', eventRef);
    const markdown = await vscode.env.clipboard.readText();
    assert.match(markdown, /### `?Done from here on /);
    assert.match(markdown, /credential change of account/);
    await vscode.commands.executeCommand('cyberarkPta.copyShiftReport');
    const report = await vscode.env.clipboard.readText();
    assert.match(report, /## Actions taken on events/);
    assert.match(report, new RegExp(`### \\x60?Event ${eventRef.eventId} in `));
    const panel = api.panels.get(eventRef)!;
    assert.equal(panel.receive({ type: 'behindEvent', eventId: 'another', request: 'clearRecord' }), false);
    assert.equal(panel.receive({ type: 'behindEvent', eventId: eventRef.eventId, request: 'respond', action: 'rm -rf' }), false);
    assert.ok(api.respond.records.list(eventRef).length > 0, 'a message for another event is refused');
    assert.equal(panel.receive({ type: 'behindEvent', eventId: eventRef.eventId, request: 'clearRecord' }), true);
    await waitFor(() => api.respond.records.list(eventRef).length === 0, 'the record cleared');
  });

  it('Respond… lists every action, the unusable ones with the reason', async () => {
    const other = list(api, 'OPEN').find((e) => e.type !== 'PSMSuspiciousActivity' && !(e.raw.audits as Array<{ sensorType?: string }>).some((a) => a.sensorType === 'PSM'));
    assert.ok(other, 'an open event that is not a PSM one');
    const shown: Array<{ label: string; description?: string }> = [];
    const restore = replaceWindow({
      showQuickPick: async (_original, items) => {
        shown.push(...(await (items as Thenable<Array<{ label: string; description?: string }>>)));
        return undefined;
      },
    });
    try {
      sim.clearRequests();
      const result = await vscode.commands.executeCommand<RespondCommandResult>('cyberarkPta.respond', ref(api, other.id));
      assert.equal(result.sent, false);
    } finally {
      restore();
    }
    assert.deepEqual(shown.map((i) => i.label), ['Terminate PSM Session…', 'Suspend PSM Session…', 'Resume PSM Session…', 'Change Credentials Now…', 'Verify Credentials…', 'Reconcile Credentials…', 'Suspend Vault User…', 'Activate Vault User…']);
    assert.equal(shown[0].description, 'Unavailable: not a PSM event');
    assert.equal(sim.requests.filter((r) => r.method !== 'GET').length, 0);
  });

  it('never offers to suspend the signed-in vault user', async () => {
    const { eventRef } = liveEvent(1);
    const event = api.sources.resolve(eventRef)!.event;
    const audits = event.raw.audits as Array<Record<string, unknown>>;
    const saved = audits.map((a) => a.vaultUser);
    for (const audit of audits) if (audit.vaultUser) audit.vaultUser = 'Analyst';
    const messages = interceptMessages();
    try {
      sim.clearRequests();
      const result = await vscode.commands.executeCommand<RespondCommandResult>('cyberarkPta.suspendVaultUser', eventRef);
      assert.equal(result.sent, false);
      assert.match(result.sent ? '' : result.reason, /your own vault user/);
      assert.equal(sim.requests.filter((r) => r.method === 'PUT' || r.method === 'POST').length, 0);
    } finally {
      audits.forEach((a, i) => (a.vaultUser = saved[i]));
      messages.restore();
    }
  });

  it('shows what an older vault cannot do as unavailable, without sending it', async () => {
    await signOut(api);
    sim.profile.version = '10.4';
    try {
      await signIn(api, sim);
      await waitFor(() => vault(api).vaultCapabilities !== undefined, "the vault's capabilities");
      const { eventRef } = liveEvent(1);
      sim.clearRequests();
      const behind = await behindOf(eventRef);
      assert.equal(behind.user.state, 'unavailable');
      if (behind.user.state === 'unavailable') assert.match(behind.user.reason, /needs PVWA 10\.9/);
      assert.equal(behind.session.state, 'ready');
      if (behind.session.state === 'ready') assert.equal(behind.session.value.live[0]?.activities.state, 'unavailable');
      assert.equal(sim.requests.filter((r) => /\/Users|\/activities/i.test(r.path)).length, 0, 'no call the vault is too old for');
      const view = api.respond.section.message(eventRef)!.view!;
      assert.match(view.actions.find((a) => a.action === 'suspendVaultUser')!.disabledReason ?? '', /needs PVWA 11\.1/);
    } finally {
      await signOut(api);
      sim.profile.version = '14.2.0';
      await signIn(api, sim);
    }
  });

  it('says a 403 on the live sessions in its place, in words', async () => {
    await waitFor(() => vault(api).vaultCapabilities !== undefined, "the vault's capabilities");
    const { eventRef } = liveEvent(1);
    sim.profile.auditor = true;
    try {
      const behind = await behindOf(eventRef, true);
      assert.equal(behind.session.state, 'failed');
      if (behind.session.state === 'failed') {
        assert.equal(behind.session.status, 403);
        assert.match(behind.session.message, /your vault user may not list live sessions.*PASWS041E/);
      }
      assert.equal(behind.account.state, 'ready', 'accounts stay readable');
    } finally {
      sim.profile.auditor = false;
    }
  });
});

describe('Respond: a vault whose session paths take the SessionGuid', function () {
  this.timeout(60_000);
  let api: Services;
  let sim: PvwaSimulator;

  before(async () => {
    api = await extensionApi();
    sim = await startVault({ count: 60, seed: 7, sessionPathId: 'SessionGuid' });
    await signIn(api, sim);
    await waitFor(() => vault(api).vaultCapabilities !== undefined, "the vault's capabilities");
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOut(api);
    await sim.stop();
  });

  it('suspends the session by its SessionID, then once by its SessionGuid on 404', async () => {
    const open = new Set(list(api, 'OPEN').map((e) => e.id));
    const session = sim.respond.data.liveSessions.find((s) => s.eventId && open.has(s.eventId))!;
    const eventRef = ref(api, session.eventId!);
    const restore = replaceWindow({
      showWarningMessage: (original, message, ...rest) =>
        rest[0] && typeof rest[0] === 'object' && (rest[0] as { modal?: boolean }).modal ? Promise.resolve(rest[1]) : original(message, ...rest),
      showQuickPick: async (_original, items) => (await (items as Thenable<Array<{ target: { session: { sessionGuid: string } } }>>)).find((i) => i.target.session.sessionGuid === session.record.SessionGuid),
      showInformationMessage: () => Promise.resolve(undefined),
    });
    try {
      sim.clearRequests();
      const result = await vscode.commands.executeCommand<RespondCommandResult>('cyberarkPta.suspendSession', eventRef);
      assert.equal(result.sent && result.outcome, 'requested', JSON.stringify(result));
      const posts = sim.requests.filter((r) => r.method === 'POST').map((r) => `${r.status} ${r.path}`);
      assert.deepEqual(posts, [`404 /PasswordVault/API/LiveSessions/${session.record.SessionID}/Suspend/`, `200 /PasswordVault/API/LiveSessions/${session.record.SessionGuid}/Suspend/`]);
      assert.equal(session.suspended, true);
    } finally {
      restore();
    }
  });

  it('does not send a session action an older vault lacks, and says which version it needs', async () => {
    await signOut(api);
    sim.profile.version = '10.1';
    const messages = interceptMessages();
    try {
      await signIn(api, sim);
      await waitFor(() => vault(api).vaultCapabilities !== undefined, "the vault's capabilities");
      const open = new Set(list(api, 'OPEN').map((e) => e.id));
      const session = sim.respond.data.liveSessions.find((s) => s.eventId && open.has(s.eventId))!;
      sim.clearRequests();
      const result = await vscode.commands.executeCommand<RespondCommandResult>('cyberarkPta.resumeSession', ref(api, session.eventId!));
      assert.equal(result.sent, false);
      assert.match(result.sent ? '' : result.reason, /needs PVWA 10\.2; this vault is 10\.1/);
      assert.equal(sim.requests.filter((r) => r.method === 'POST' && /LiveSessions/.test(r.path)).length, 0);
      const warning = await messages.next((m) => m.severity === 'warning', 'the warning');
      assert.match(warning.message, /Nothing was sent/);
    } finally {
      messages.restore();
      sim.profile.version = '14.2.0';
    }
  });
});
