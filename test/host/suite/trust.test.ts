import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TriageResult } from '../../../src/commands/triageBatch';
import type { Services } from '../../../src/services';
import { REFRESH_OVERLAP_MS } from '../../../src/store/eventRefresher';
import { parseVaultAddress } from '../../../src/api/baseUrl';
import { DEMO_PASSWORD, DEMO_RADIUS_ANSWER, DEMO_USERNAME, PvwaSimulator } from '../../simulator/server';
import { extensionApi, interceptMessages, list, patchRequests, ref, replaceWindow, setSettings, signIn, signOut, startVault, vault, waitFor } from './support';

function eventGets(sim: PvwaSimulator) {
  return sim.requests.filter((r) => r.method === 'GET' && /\/Events\/?$/i.test(r.path));
}

function logons(sim: PvwaSimulator) {
  return sim.requests.filter((r) => r.method === 'POST' && /\/Logon$/i.test(r.path));
}

/** Someone else closes an event in the PVWA. */
function closeInPvwa(sim: PvwaSimulator, eventId: string, at = Date.now()): void {
  const raw = sim.getEvent(eventId)!;
  sim.upsertEvent({ ...raw, mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: 'closed by a colleague', lastUpdateTime: at });
}

const close = (eventIds: string[], sourceId?: string) =>
  vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', { eventIds, ...(sourceId ? { sourceId } : {}), reason: 'HANDLED', text: 'checked' });

describe('the list stays exactly true at its edges', () => {
  let api: Services;
  let sim: PvwaSimulator;
  let messages: ReturnType<typeof interceptMessages>;

  before(async () => {
    api = await extensionApi();
  });

  beforeEach(async () => {
    sim = await startVault({ count: 60, seed: 91 });
    await signIn(api, sim);
    sim.clearRequests();
    messages = interceptMessages();
  });

  afterEach(async () => {
    messages.restore();
    await signOut(api);
    await api.passwords.delete(sim.appUrl, DEMO_USERNAME);
    await sim.stop();
  });

  it('a close more than 60 s after the last refresh never hides what the vault changed meanwhile', async () => {
    const [mine, colleagues] = list(api, 'OPEN');
    const cursorBefore = vault(api).refreshCursor;
    // A colleague closes one event now; the analyst closes another two minutes after the last refresh (the vault's clock moved on).
    closeInPvwa(sim, colleagues.id);
    sim.advanceClock(2 * 60_000);
    const result = await vault(api).triage([{ event: mine, update: { mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: 'mine' } }], { concurrency: 1 });
    assert.equal(result.succeeded.length, 1);
    assert.equal(vault(api).refreshCursor, cursorBefore, 'the close answer did not move the cursor');
    await vault(api).refresh.refresh();
    const get = eventGets(sim).at(-1)!;
    assert.equal(Number(get.query.fromUpdateDate), Math.floor((cursorBefore - REFRESH_OVERLAP_MS) / 1000), 'asked from the last refresh');
    assert.equal(vault(api).store.get(colleagues.id)?.status, 'CLOSED', "the colleague's close arrived");
    assert.ok(list(api, 'CLOSED').some((e) => e.id === colleagues.id));
  });

  it('a renewal answered 503 twice keeps the list, tells once, and signs in again by itself once the vault recovers', async () => {
    const before = vault(api).store.size;
    await setSettings({ autoRefreshSeconds: 1 });
    try {
      vault(api).refresh.reschedule();
      sim.expireTokens();
      sim.inject({ kind: 'html', status: 503 }, { method: 'POST', pathIncludes: '/Logon', times: 2 });
      await waitFor(() => logons(sim).length >= 2 && vault(api).state.kind === 'stale', 'two failed renewals', 15_000);
      assert.equal(vault(api).session.isSignedIn, true, 'still signed in');
      assert.equal(vault(api).store.size, before, 'the last good list is kept');
      const told = () => messages.shown.filter((m) => /HTTP 503/.test(m.message));
      assert.equal(told().length, 1, 'told once, with the status');
      assert.match(told()[0].message, /Renewing the expired PVWA session failed/);
      await waitFor(() => vault(api).state.kind === 'loaded', 'the vault recovering', 20_000);
      assert.equal(told().length, 1, 'not told again');
      assert.equal(logons(sim).at(-1)!.status, 200, 'signed in again by itself');
      assert.equal(await api.passwords.get(sim.appUrl, DEMO_USERNAME), 'Cyberark1!', 'the password is kept');
    } finally {
      await setSettings({ autoRefreshSeconds: 0 });
      vault(api).refresh.reschedule();
    }
  });

  it('a second close of an event whose first close is on its way is not sent, and repeated ids count once', async () => {
    const [event] = list(api, 'OPEN');
    sim.inject({ kind: 'latency', ms: 800 }, { method: 'PATCH' });
    const first = close([event.id, event.id]);
    await waitFor(() => patchRequests(sim).length === 1, 'the first close to reach the vault');
    const second = await close([event.id]);
    assert.deepEqual(second.inProgress, [ref(api, event.id)]);
    assert.equal(second.succeeded.length + second.failed.length, 0);
    assert.ok(messages.shown.some((m) => /already being closed by an earlier request was not sent again/.test(m.message)), 'told it is in progress');
    const done = await first;
    assert.equal(done.succeeded.length, 1);
    assert.equal(patchRequests(sim).length, 1, 'one PATCH, whatever was asked');
  });

  it('a batch refreshes first and leaves alone an event a colleague closed meanwhile, saying so', async () => {
    const [a, b, c] = list(api, 'OPEN');
    closeInPvwa(sim, b.id);
    const result = await close([a.id, b.id, c.id]);
    assert.deepEqual(result.changedSince, [ref(api, b.id)]);
    assert.deepEqual(result.succeeded.map((r) => r.eventId).sort(), [a.id, c.id].sort());
    assert.deepEqual(patchRequests(sim).map((r) => decodeURIComponent(r.path.split('/').pop()!)).sort(), [a.id, c.id].sort(), "the colleague's close is never overwritten");
    assert.equal(sim.getEvent(b.id)?.reasonText, 'closed by a colleague');
    const summary = await messages.next((m) => /left alone/.test(m.message), 'the summary');
    assert.match(summary.message, /^Closed 2 of 2 events\. 1 event changed in the vault since and was left alone\./);
  });

  it('Undo sends nothing for events whose vault it could not refresh, and says what it could not verify', async () => {
    const [a, b] = list(api, 'OPEN');
    messages.restore();
    messages = interceptMessages((shown) => (shown.items.includes('Undo') ? 'Undo' : undefined));
    // Each refresh tries three times: the confirming refresh before the close, then Undo's, both fail.
    sim.inject({ kind: 'html', status: 503 }, { method: 'GET', pathIncludes: '/events', times: 6 });
    const patchesBefore = () => patchRequests(sim).length;
    const result = await close([a.id, b.id]);
    assert.equal(result.succeeded.length, 2, 'the close went through after a failed confirming refresh');
    const sentByClose = patchesBefore();
    const undo = await messages.next((m) => /could not be checked/.test(m.message), 'the Undo summary');
    assert.match(undo.message, /^Nothing was sent\. 2 events could not be checked, so nothing was sent for them: .*HTTP 503/);
    assert.equal(patchRequests(sim).length, sentByClose, 'no reopen was sent');
    assert.equal(sim.getEvent(a.id)?.mStatus, 'CLOSED');
  });

  it('a close answered after Sign Out never reaches the list', async () => {
    const [event] = list(api, 'OPEN');
    sim.inject({ kind: 'latency', ms: 1200 }, { method: 'PATCH', afterApplying: true });
    const pending = vault(api).triage([{ event, update: { mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: 'late' } }], { concurrency: 1 });
    await waitFor(() => sim.getEvent(event.id)?.mStatus === 'CLOSED', 'the vault to apply the close');
    await vault(api).session.signOut({ timeoutMs: 200 });
    const outcome = await pending;
    assert.equal(outcome.succeeded.length, 1, 'the answer arrived, after Sign Out');
    assert.equal(vault(api).store.size, 0, 'and was dropped');
  });

  it("shows the RADIUS challenge's text as plain text: no icons, no links", async () => {
    await signOut(api);
    await sim.stop();
    sim = await startVault({ count: 5, radiusChallengeMessage: 'Code: $(shield) [Open](command:workbench.action.openSettings) now' });
    const prompts: string[] = [];
    const restore = replaceWindow({
      showInputBox: (_original, options) => {
        prompts.push(String((options as vscode.InputBoxOptions).prompt));
        return Promise.resolve(DEMO_RADIUS_ANSWER);
      },
    });
    try {
      const ok = await vault(api).session.signIn({ address: parseVaultAddress(sim.baseUrl), username: DEMO_USERNAME, method: 'RADIUS' }, DEMO_PASSWORD);
      assert.equal(ok, true);
    } finally {
      restore();
    }
    assert.deepEqual(prompts, ['Code: \\$(shield) [Open] (command:workbench.action.openSettings) now']);
  });
});
