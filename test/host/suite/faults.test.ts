import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TriageResult } from '../../../src/commands/triageBatch';
import type { Services } from '../../../src/services';
import type { Fault } from '../../simulator/faults';
import { PvwaSimulator } from '../../simulator/server';
import { extensionApi, list, patchRequests, setSettings, signIn, signOut, startVault, vault, waitFor } from './support';

/** Faults on the events request: each must leave the last good list and say specifically what happened. */
const REFRESH_FAULTS: Array<{ name: string; fault: Fault; times: number; message: RegExp }> = [
  { name: 'an answer slower than the time limit', fault: { kind: 'latency', ms: 4000 }, times: 1, message: /did not answer within 2 seconds.*requestTimeoutSeconds/ },
  { name: 'a connection cut mid-answer, every attempt', fault: { kind: 'reset' }, times: 3, message: /connection to 127\.0\.0\.1 was cut before the answer was complete/ },
  { name: 'an IIS 500 page', fault: { kind: 'html', status: 500 }, times: 1, message: /answered HTTP 500: an internal error \(an HTML error page, not a PVWA answer\)/ },
  { name: 'an IIS 502 page, every attempt', fault: { kind: 'html', status: 502 }, times: 3, message: /answered HTTP 502 Bad Gateway: a load balancer or proxy could not reach the PVWA/ },
  { name: 'an IIS 503 page, every attempt', fault: { kind: 'html', status: 503 }, times: 3, message: /answered HTTP 503: the PVWA service may be stopped or overloaded/ },
  { name: 'invalid JSON', fault: { kind: 'invalidJson' }, times: 1, message: /incomplete or invalid JSON/ },
  { name: 'truncated JSON', fault: { kind: 'truncatedJson' }, times: 1, message: /incomplete or invalid JSON/ },
  { name: 'an empty body', fault: { kind: 'emptyBody' }, times: 1, message: /empty body where JSON was expected/ },
  { name: 'a 403 CyberArk error', fault: { kind: 'error', status: 403, code: 'PASWS041E', message: 'You are not authorized to perform this action.' }, times: 1, message: /PASWS041E: You are not authorized to perform this action\./ },
];

/**
 * Faults on a close: the failure must name the cause, and the list must end up showing what the
 * vault holds: open when the vault never applied the change, closed (after a refresh) when it did.
 */
const CLOSE_FAULTS: Array<{ name: string; fault: Fault; message: RegExp; afterApplying?: boolean; answerLost?: true }> = [
  { name: 'a 404 (the event is gone)', fault: { kind: 'error', status: 404, code: 'PTAEV404E', message: 'Security event was not found.' }, message: /PTAEV404E: Security event was not found\./ },
  { name: 'a 400 refusing the reason', fault: { kind: 'error', status: 400, code: 'PASWS167E', message: 'There are some invalid parameters.' }, message: /PASWS167E: There are some invalid parameters\./ },
  { name: 'an IIS 500 page', fault: { kind: 'html', status: 500 }, message: /answered HTTP 500: an internal error \(an HTML error page/ },
  { name: 'a connection cut mid-answer', fault: { kind: 'reset' }, message: /connection was cut before its answer arrived, so whether it was applied is unknown/, answerLost: true },
  { name: 'invalid JSON after the change', fault: { kind: 'invalidJson' }, message: /its answer could not be read, so whether it was applied is unknown/, afterApplying: true, answerLost: true },
  { name: 'a connection cut after the change', fault: { kind: 'reset' }, message: /whether it was applied is unknown/, afterApplying: true, answerLost: true },
];

function assertReadable(message: string | undefined): void {
  assert.ok(message, 'a message');
  assert.doesNotMatch(message, /undefined|<html|<\/|\bat .+:\d+:\d+|Error:/i, `not one plain sentence: ${message}`);
}

describe('faults the vault and the network produce', () => {
  let api: Services;
  let sim: PvwaSimulator;

  before(async () => {
    api = await extensionApi();
    sim = await startVault({ count: 120, seed: 31 });
    await setSettings({ requestTimeoutSeconds: 2 });
    await signIn(api, sim);
  });

  after(async () => {
    await setSettings({ requestTimeoutSeconds: undefined });
    await signOut(api);
    await sim.stop();
  });

  afterEach(() => sim.clearFaults());

  for (const { name, fault, times, message } of REFRESH_FAULTS) {
    it(`keeps the list through ${name}, says so, and recovers`, async function () {
      this.timeout(30_000);
      const before = JSON.stringify(list(api, 'OPEN').map((e) => e.id));
      sim.inject(fault, { method: 'GET', pathIncludes: '/events', times });
      await vscode.commands.executeCommand('cyberarkPta.refresh');
      const error = vault(api).refresh.current.lastError;
      assertReadable(error);
      assert.match(error!, message);
      assert.equal(JSON.stringify(list(api, 'OPEN').map((e) => e.id)), before, 'the last good list is kept');
      assert.match(api.treeView.message ?? '', /^Refresh failed: .* Showing the list as of/);
      assert.ok(vault(api).session.isSignedIn, 'still signed in');

      await vscode.commands.executeCommand('cyberarkPta.refresh');
      assert.equal(vault(api).refresh.current.lastError, undefined);
      assert.equal(api.treeView.message, undefined);
    });
  }

  it('renews a session the vault dropped mid-way and carries on', async () => {
    sim.expireTokens();
    sim.clearRequests();
    await vscode.commands.executeCommand('cyberarkPta.refresh');
    assert.equal(vault(api).refresh.current.lastError, undefined);
    // The live-sessions list that follows each refresh is not part of it.
    const refreshRequests = sim.requests.filter((r) => !/\/API\/LiveSessions/i.test(r.path));
    assert.deepEqual(refreshRequests.map((r) => `${r.method} ${r.status}`), ['GET 401', 'POST 200', 'GET 200']);
  });

  it('survives events full of nulls, some without an update time, and keeps reading seconds', async () => {
    const [sparse] = sim.events();
    const nulls = Object.fromEntries(Object.keys(sparse).map((key) => [key, null]));
    sim.upsertEvent({ ...nulls, id: 'ffffffffffffffffffffff01', mStatus: 'OPEN', lastUpdateTime: Date.now(), audits: [null, { action: null, source: null }] } as never);
    // No lastUpdateTime at all (and no createTime to fall back on): enough of them to look like evidence of milliseconds.
    for (const n of [2, 3, 4, 5]) {
      const timeless: Record<string, unknown> = { ...nulls, id: `ffffffffffffffffffffff0${n}`, mStatus: 'OPEN' };
      delete timeless.lastUpdateTime;
      sim.upsertEvent(timeless as never);
    }
    sim.clearRequests();
    await vscode.commands.executeCommand('cyberarkPta.refresh');
    assert.equal(vault(api).refresh.current.lastError, undefined);
    // The events lists only: each refresh is followed by one list of live sessions.
    const eventLists = () => sim.requests.filter((r) => r.method === 'GET' && /\/pta\/API\/Events\/?$/i.test(r.path));
    assert.equal(eventLists().length, 1);
    assert.ok(eventLists()[0].query.fromUpdateDate.length <= 10, 'asked in seconds');
    await vscode.commands.executeCommand('cyberarkPta.refresh');
    assert.ok(eventLists().every((r) => Number(r.query.fromUpdateDate) < 1e11), 'still in seconds: events without an update time are no evidence');
    const event = vault(api).store.get('ffffffffffffffffffffff01');
    assert.ok(event, 'the sparse event is listed');
    const node = api.tree.revealableNode(vault(api).id, event.id)!;
    const item = api.tree.resolveTreeItem(api.tree.getTreeItem(node), node);
    assert.doesNotMatch(`${item.label} ${item.description} ${item.tooltip}`, /undefined|null|NaN/);
  });

  for (const { name, fault, message, afterApplying, answerLost } of CLOSE_FAULTS) {
    it(`never shows a close as done after ${name}, sends it once, and ends up showing what the vault holds`, async () => {
      const event = list(api, 'OPEN')[0];
      sim.clearRequests();
      sim.inject(fault, { method: 'PATCH', afterApplying });
      const outcome = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', { eventIds: [event.id], reason: 'HANDLED', text: 'checked' });
      assert.deepEqual(outcome.succeeded.map((r) => r.eventId), []);
      // A lost answer is not a failure: the vault may have applied it, so the outcome is unknown.
      const problems = answerLost ? outcome.outcomeUnknown : outcome.failed;
      assert.equal(problems.length, 1);
      assert.equal(outcome.failed.length + outcome.outcomeUnknown.length, 1);
      assertReadable(problems[0].message);
      assert.match(problems[0].message, message);
      assert.equal(patchRequests(sim).length, 1, 'a PATCH is never retried blindly');
      assert.equal(sim.getEvent(event.id)?.mStatus, afterApplying ? 'CLOSED' : 'OPEN', afterApplying ? 'the vault applied the change' : 'the vault did not apply it');
      if (afterApplying) {
        await waitFor(() => vault(api).store.get(event.id)?.status === 'CLOSED', 'a refresh to show the close the vault applied');
      } else {
        await waitFor(() => !vault(api).refresh.current.refreshing, 'any refresh the failure started');
        assert.equal(vault(api).store.get(event.id)?.status, 'OPEN');
        assert.ok(list(api, 'OPEN').some((e) => e.id === event.id), 'still listed under Open');
      }
      await vscode.commands.executeCommand('notifications.clearAll');
    });
  }
});
