import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { REFRESH_OVERLAP_MS } from '../../../src/store/eventRefresher';
import type { Services } from '../../../src/services';
import type { TriageResult } from '../../../src/commands/triageBatch';
import { PvwaSimulator } from '../../simulator/server';
import { extensionApi, list, patchRequests, pause, signIn, signOut, startVault, vault, ref } from './support';


describe('close and reopen', () => {
  let api: Services;
  let sim: PvwaSimulator;

  before(async () => {
    api = await extensionApi();
    sim = await startVault({ count: 120, seed: 5 });
    await signIn(api, sim);
  });

  beforeEach(() => sim.clearRequests());

  after(async () => {
    await signOut(api);
    await sim.stop();
  });

  it('closes one event with the exact body and moves it to Closed with the vault answer', async () => {
    const event = list(api, 'OPEN')[0];
    const openBefore = vault(api).store.count('OPEN');
    const outcome = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', { eventIds: [event.id], reason: 'NOTREAL', text: '  Scheduled maintenance by the DBA team  ' });
    assert.deepEqual(outcome.succeeded.map((r) => r.eventId), [event.id]);
    const patches = patchRequests(sim);
    assert.equal(patches.length, 1);
    assert.equal(patches[0].path, `/PasswordVault/API/pta/API/Events/${event.id}`);
    assert.deepEqual(patches[0].body, { mStatus: 'CLOSED', closeReason: 'NOTREAL', reasonText: 'Scheduled maintenance by the DBA team' });
    assert.equal(vault(api).store.get(event.id)?.status, 'CLOSED');
    assert.equal(vault(api).store.get(event.id)?.closeReason, 'NOTREAL');
    assert.equal(vault(api).store.count('OPEN'), openBefore - 1);
    assert.ok(list(api, 'CLOSED').some((e) => e.id === event.id));
    const gets = sim.requests.filter((r) => r.method === 'GET' && /\/Events\/?$/i.test(r.path));
    assert.equal(gets.length, 1, 'one refresh confirms the state before the close');
    assert.ok(Number(gets[0].query.fromUpdateDate) * 1000 >= vault(api).refreshCursor - REFRESH_OVERLAP_MS - 1000, 'an incremental one, no full reload');
  });

  it('refuses a 101-character text and sends nothing', async () => {
    const event = list(api, 'OPEN')[0];
    const outcome = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', { eventIds: [event.id], reason: 'HANDLED', text: 'x'.repeat(101) });
    assert.equal(outcome.cancelled, true);
    assert.equal(patchRequests(sim).length, 0);
    assert.equal(vault(api).store.get(event.id)?.status, 'OPEN');
  });

  it('requires a text for Other', async () => {
    const event = list(api, 'OPEN')[0];
    await vscode.commands.executeCommand('cyberarkPta.closeEvent', { eventIds: [event.id], reason: 'OTHER', text: '' });
    assert.equal(patchRequests(sim).length, 0);
  });

  it('sends nothing when the reason quick pick is cancelled', async () => {
    const event = list(api, 'OPEN')[0];
    const pending = vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', ref(api, event.id));
    await pause(600);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const outcome = await pending;
    assert.equal(outcome.cancelled, true);
    assert.equal(patchRequests(sim).length, 0);
    assert.equal(vault(api).store.get(event.id)?.status, 'OPEN');
  });

  it('drives the real quick pick and input box: second reason, empty text', async () => {
    const event = list(api, 'OPEN')[0];
    const pending = vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', ref(api, event.id));
    await pause(600);
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await pause(600);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const outcome = await pending;
    assert.deepEqual(outcome.succeeded.map((r) => r.eventId), [event.id]);
    assert.deepEqual(patchRequests(sim)[0].body, { mStatus: 'CLOSED', closeReason: 'NOTREAL', reasonText: '' });
  });

  it('reports a partial bulk failure truthfully and leaves the failed event open', async () => {
    const events = list(api, 'OPEN').slice(0, 3);
    sim.inject({ kind: 'error', status: 400, code: 'PASWS167E', message: 'The event cannot be updated.' }, { method: 'PATCH', pathIncludes: events[1].id });
    const outcome = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', { eventIds: events.map((e) => e.id), reason: 'HANDLED', text: 'Bulk triage' });
    assert.deepEqual(outcome.succeeded.map((r) => r.eventId), [events[0].id, events[2].id]);
    assert.deepEqual(outcome.failed, [{ sourceId: vault(api).id, eventId: events[1].id, message: 'HTTP 400, PASWS167E: The event cannot be updated.' }]);
    assert.equal(patchRequests(sim).length, 3);
    assert.equal(vault(api).store.get(events[0].id)?.status, 'CLOSED');
    assert.equal(vault(api).store.get(events[1].id)?.status, 'OPEN', 'a failed close is never shown as closed');
    assert.equal(vault(api).store.get(events[2].id)?.status, 'CLOSED');
  });

  it('never shows a close as done when the vault refuses it (404)', async () => {
    const event = list(api, 'OPEN')[0];
    sim.inject({ kind: 'error', status: 404, code: 'PASWS145E', message: 'Security event was not found.' }, { method: 'PATCH' });
    const outcome = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', { eventIds: [event.id], reason: 'HANDLED', text: '' });
    assert.equal(outcome.failed.length, 1);
    assert.equal(vault(api).store.get(event.id)?.status, 'OPEN');
  });

  it('reopens a closed event with mStatus OPEN and closeReason NONE', async () => {
    const event = list(api, 'CLOSED')[0];
    const outcome = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.reopenEvent', { eventIds: [event.id] });
    assert.deepEqual(outcome.succeeded.map((r) => r.eventId), [event.id]);
    assert.deepEqual(patchRequests(sim)[0].body, { mStatus: 'OPEN', closeReason: 'NONE' });
    assert.equal(vault(api).store.get(event.id)?.status, 'OPEN');
    assert.ok(list(api, 'OPEN').some((e) => e.id === event.id));
  });
});
