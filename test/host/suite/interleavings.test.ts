import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TriageResult } from '../../../src/commands/triageBatch';
import { HOST_STALLS_FILE_VARIABLE } from '../../../src/util/hostStalls';
import { publicApi } from '../../../src/publicApi';
import type { Services } from '../../../src/services';
import { REFRESH_OVERLAP_MS } from '../../../src/store/eventRefresher';
import { generateEvents, RawEvent } from '../../simulator/data';
import { DEMO_USERNAME, PvwaSimulator } from '../../simulator/server';
import { EXTENSION_ID, extensionApi, list, logText, patchRequests, ref, replaceWindow, signIn, signOut, startVault, vault, waitFor, waitForPage } from './support';

const DAY_MS = 86_400_000;

function eventGets(sim: PvwaSimulator) {
  return sim.requests.filter((r) => r.method === 'GET' && /\/Events\/?$/i.test(r.path));
}

function logons(sim: PvwaSimulator) {
  return sim.requests.filter((r) => r.method === 'POST' && /\/Logon$/i.test(r.path));
}

function logoffs(sim: PvwaSimulator) {
  return sim.requests.filter((r) => /\/logoff$/i.test(r.path));
}

function freshEvent(id: string, score: number): RawEvent {
  const [template] = generateEvents({ count: 1, seed: 404, now: Date.now(), hostileShare: 0 });
  return { ...template, id, type: 'GoldenTicket', score, mStatus: 'OPEN', closeReason: 'NONE', reasonText: null, lastUpdateTime: Date.now() };
}

describe('correct under every interleaving', () => {
  let api: Services;
  let sim: PvwaSimulator;

  before(async () => {
    api = await extensionApi();
  });

  beforeEach(async () => {
    sim = await startVault({ count: 80, seed: 61 });
    await signIn(api, sim);
    sim.clearRequests();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOut(api);
    await api.passwords.delete(sim.appUrl, DEMO_USERNAME);
    await sim.stop();
  });

  it('drops a slow refresh answered after Sign Out: the store stays empty', async () => {
    sim.inject({ kind: 'latency', ms: 1500 }, { method: 'GET', pathIncludes: '/events' });
    const pending = vault(api).refresh.refresh();
    await waitFor(() => eventGets(sim).length === 1, 'the refresh to reach the vault');
    await vault(api).session.signOut({ timeoutMs: 2000 });
    assert.equal(vault(api).store.size, 0);
    await pending;
    // The vault answers 1.5 s after the request arrived, unless Sign Out cut the request.
    const answeredBy = eventGets(sim)[0].at + 1700;
    await waitFor(() => Date.now() > answeredBy, 'the time the vault answers');
    assert.equal(vault(api).store.size, 0, 'the answer did not refill the cleared store');
    assert.equal(vault(api).state.kind, 'signedOut');
    assert.equal(vault(api).refresh.current.lastError, undefined, 'a refresh cut short by Sign Out is not a failure');
    assert.equal(logoffs(sim).length, 1, 'the session was logged off');
    assert.ok(sim.requests.every((r) => r.at <= logoffs(sim)[0].at || /\/logoff$/i.test(r.path)), 'nothing sent after Sign Out');
  });

  it('logs off the session a renewal opens after Sign Out', async () => {
    sim.expireTokens();
    sim.inject({ kind: 'latency', ms: 1500 }, { method: 'POST', pathIncludes: '/logon' });
    const pending = vault(api).refresh.refresh();
    await waitFor(() => logons(sim).length === 1, 'the renewal to reach the vault');
    const oldToken = eventGets(sim)[0].headers.authorization;
    await vault(api).session.signOut({ timeoutMs: 2000 });
    await pending;
    await waitFor(() => logoffs(sim).length === 2, 'the renewed session to be logged off');
    const renewed = logoffs(sim).find((r) => r.headers.authorization !== oldToken);
    assert.ok(renewed, 'the token the renewal got was logged off');
    assert.equal(renewed.status, 200);
    assert.equal(vault(api).session.isSignedIn, false);
    assert.equal(vault(api).store.size, 0);
    assert.equal(eventGets(sim).length, 1, 'the refresh was not retried after Sign Out');
  });

  it('runs a full load asked for during a slow incremental refresh after it, without the cursor', async () => {
    const watermark = vault(api).refreshCursor;
    sim.inject({ kind: 'latency', ms: 1500 }, { method: 'GET', pathIncludes: '/events' });
    const incremental = vault(api).refresh.refresh();
    await waitFor(() => eventGets(sim).length === 1, 'the incremental refresh to reach the vault');
    const reloadAt = Date.now();
    await vscode.commands.executeCommand('cyberarkPta.reload');
    await incremental;
    const gets = eventGets(sim);
    assert.equal(gets.length, 2, 'the full load was not swallowed');
    assert.equal(Number(gets[0].query.fromUpdateDate), Math.floor((watermark - REFRESH_OVERLAP_MS) / 1000));
    const fullFrom = Number(gets[1].query.fromUpdateDate) * 1000;
    assert.ok(Math.abs(fullFrom - (reloadAt - 30 * DAY_MS)) < 10_000, `the second asks for the look-back window (${new Date(fullFrom).toISOString()})`);
    assert.ok(gets[1].at >= gets[0].at + 1000, 'after the first was answered');
  });

  it('announces the first new high-risk event even when the store was empty before', async () => {
    await signOut(api);
    await sim.stop();
    sim = await startVault({ events: [] });
    await signIn(api, sim);
    assert.equal(vault(api).store.size, 0);
    sim.upsertEvent(freshEvent('eeeeeeeeeeeeeeeeeeeeee01', 95));
    await vscode.commands.executeCommand('cyberarkPta.refresh');
    assert.ok(vault(api).store.get('eeeeeeeeeeeeeeeeeeeeee01'));
    await waitFor(() => logText(api).split('\n').some((l) => /Announced: 1 new high-risk event: Golden Ticket \(95\)$/.test(l)), 'the announcement in the log', 8000);
  });

  it('says the outcome of a close whose answer was lost is unknown, and refreshes to learn it', async () => {
    const event = list(api, 'OPEN')[0];
    sim.inject({ kind: 'reset' }, { method: 'PATCH', afterApplying: true });
    const errors: string[] = [];
    const told = (_original: unknown, message: unknown) => {
      errors.push(String(message));
      return Promise.resolve(undefined);
    };
    const restore = replaceWindow({ showErrorMessage: told, showWarningMessage: told });
    let outcome: TriageResult;
    try {
      outcome = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', { eventIds: [event.id], reason: 'HANDLED', text: 'checked' });
      await waitFor(() => errors.length > 0, 'the failure to be told');
    } finally {
      restore();
    }
    assert.equal(patchRequests(sim).length, 1, 'never resent');
    assert.equal(outcome.failed.length, 0, 'a lost answer is not a failure');
    assert.match(outcome.outcomeUnknown[0]?.message ?? '', /whether it was applied is unknown/);
    // The vault did apply it: the refresh started by the lost answer shows it closed.
    await waitFor(() => vault(api).store.get(event.id)?.status === 'CLOSED', 'the refresh to show what the vault holds');
    assert.ok(eventGets(sim).length >= 1);
    assert.match(errors[0], /unknown/);
    assert.doesNotMatch(errors[0], /It is unchanged/, `a lost answer is not "unchanged": ${errors[0]}`);
  });

  it('forgets a password refused at renewal and never sends it again', async () => {
    const appUrl = vault(api).target!.address.appUrl;
    await api.passwords.store(appUrl, DEMO_USERNAME, 'changed-elsewhere');
    sim.expireTokens();
    const errors: string[] = [];
    const restore = replaceWindow({
      showErrorMessage: (_original, message) => {
        errors.push(String(message));
        return Promise.resolve(undefined);
      },
      showInformationMessage: () => Promise.resolve(undefined),
      // The next Sign In asks for the password, since none is stored: cancelled.
      showInputBox: () => Promise.resolve(undefined),
    });
    try {
      await vscode.commands.executeCommand('cyberarkPta.refresh');
      assert.deepEqual(logons(sim).map((r) => (r.body as { password?: string }).password), ['changed-elsewhere']);
      assert.equal(await api.passwords.get(appUrl, DEMO_USERNAME), undefined, 'the refused password is forgotten');
      assert.equal(vault(api).session.isSignedIn, false);
      await waitFor(() => errors.some((e) => /refused to renew the session/.test(e)), 'the user to be told');
      assert.equal(errors.length, 1, `told once: ${errors.join(' | ')}`);

      await vscode.commands.executeCommand('cyberarkPta.refresh');
      assert.equal(await vscode.commands.executeCommand<boolean>('cyberarkPta.signIn'), false);
    } finally {
      restore();
    }
    assert.equal(logons(sim).length, 1, 'the refused password was never sent again');
  });

  it('stops showing event data in a details panel after Sign Out, and shows the event again after signing back in', async () => {
    const event = list(api, 'OPEN')[0];
    await vscode.commands.executeCommand('cyberarkPta.showEventDetails', ref(api, event.id));
    const panel = api.panels.get(ref(api, event.id))!;
    await waitForPage(() => panel.isReady, 'the details page');
    assert.equal(panel.model.id, event.id);
    await vault(api).session.signOut({ timeoutMs: 2000 });
    await waitFor(() => panel.isDisposed, 'the panel to close');
    assert.deepEqual(
      api.panels.all().map((p) => p.eventId),
      [],
      'a panel closed on sign-out is forgotten (else showing its event again reveals a disposed webview)',
    );
    await signIn(api, sim);
    await vscode.commands.executeCommand('cyberarkPta.showEventDetails', ref(api, event.id));
    const again = api.panels.get(ref(api, event.id));
    assert.ok(again && !again.isDisposed, 'a live panel for the event');
  });
});

describe('what the extension exposes', () => {
  it('exports its services to the test runner only', async () => {
    const services = { marker: true };
    assert.equal(publicApi(vscode.ExtensionMode.Production, services), undefined);
    assert.equal(publicApi(vscode.ExtensionMode.Development, services), undefined);
    const exported = publicApi(vscode.ExtensionMode.Test, services);
    assert.deepEqual(Object.keys(exported ?? {}), ['marker', 'resourceCounts'], 'the services and the resource counts');
    assert.deepEqual(Object.keys(exported!.resourceCounts()), ['listeners', 'httpsAgents']);
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(extension.exports, await extensionApi(), 'this run is in test mode, so the services are the exports');
  });

  it('records the host\'s stalls where PTA_HOST_STALLS_FILE says, in a development or test run only', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pta-stalls-'));
    const file = path.join(folder, 'stalls.jsonl');
    const holdTheHost = async () => {
      const until = performance.now() + 120;
      while (performance.now() < until) {
        // Busy: the host runs nothing else.
      }
      await new Promise((resolve) => setTimeout(resolve, 60));
    };
    process.env[HOST_STALLS_FILE_VARIABLE] = file;
    try {
      assert.equal(publicApi(vscode.ExtensionMode.Production, {}), undefined);
      await holdTheHost();
      assert.equal(fs.existsSync(file), false, 'a production run recorded stalls');
      assert.equal(publicApi(vscode.ExtensionMode.Development, {}), undefined, 'recording exports nothing');
      await holdTheHost();
      const stalls = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { ms: number });
      assert.ok(stalls.some((s) => s.ms >= 120), `the 120 ms hold is not among the stalls recorded: ${JSON.stringify(stalls)}`);
    } finally {
      delete process.env[HOST_STALLS_FILE_VARIABLE];
      // The recording stops at its first write into the folder gone.
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('lets no untrusted workspace change what is fetched or announced', () => {
    const { capabilities, contributes } = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const restricted: string[] = capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    assert.equal(capabilities.untrustedWorkspaces.supported, 'limited');
    for (const key of ['notifyMinScore', 'autoRefreshSeconds', 'fromUpdateDateUnit', 'lookbackDays']) {
      const setting = `cyberarkPta.${key}`;
      const scope = contributes.configuration.properties[setting].scope;
      assert.ok(restricted.includes(setting) || scope === 'application' || scope === 'machine', `${setting} is restricted`);
    }
  });
});
