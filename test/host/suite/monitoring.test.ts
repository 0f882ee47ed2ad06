import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Services } from '../../../src/services';
import { REFRESH_OVERLAP_MS } from '../../../src/store/eventRefresher';
import { generateEvents, RawEvent } from '../../simulator/data';
import { PvwaSimulator } from '../../simulator/server';
import { extensionApi, list, logText, signIn, signOut, startVault, vault, waitFor } from './support';

const DAY_MS = 86_400_000;

function eventGets(sim: PvwaSimulator) {
  return sim.requests.filter((r) => r.method === 'GET' && /\/Events\/?$/i.test(r.path));
}

function newestUpdate(api: Services): number {
  return Math.max(...[...list(api, 'OPEN'), ...list(api, 'CLOSED')].map((e) => e.lastUpdateTime));
}

/** A vault event the extension has never seen, updated now. */
function freshEvent(id: string, type: string, score: number): RawEvent {
  const [template] = generateEvents({ count: 1, seed: 404, now: Date.now(), hostileShare: 0 });
  return { ...template, id, type, score, mStatus: 'OPEN', closeReason: 'NONE', reasonText: null, lastUpdateTime: Date.now() };
}

function logLines(api: Services, pattern: RegExp): string[] {
  return logText(api)
    .split('\n')
    .filter((l) => pattern.test(l));
}

async function announcements(api: Services, expected: number): Promise<string[]> {
  let lines: string[] = [];
  await waitFor(() => (lines = logText(api).split('\n').filter((l) => l.includes('Announced:'))).length >= expected, `${expected} announcement(s) in the log`, 8000);
  return lines;
}

describe('live monitoring', () => {
  let api: Services;
  let sim: PvwaSimulator;

  before(async () => {
    api = await extensionApi();
  });

  afterEach(async () => {
    await signOut(api);
    await sim.stop();
  });

  it('asks for the look-back window first, then only for what changed since the newest update held', async () => {
    sim = await startVault({ count: 200, seed: 21 });
    const signInAt = Date.now();
    await signIn(api, sim);
    const [first] = eventGets(sim);
    const firstFrom = Number(first.query.fromUpdateDate);
    assert.ok(Math.abs(firstFrom - Math.floor((signInAt - 30 * DAY_MS) / 1000)) <= 5, `first load asked from ${firstFrom} (seconds)`);

    const openBefore = vault(api).store.count('OPEN');
    const watermark = newestUpdate(api);
    const toClose = expectedOpenEvent(sim, api);
    sim.upsertEvent({ ...toClose, mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: 'closed in the vault', lastUpdateTime: Date.now() });
    sim.upsertEvent(freshEvent('aaaaaaaaaaaaaaaaaaaaaaa1', 'GoldenTicket', 20));
    sim.clearRequests();

    await vscode.commands.executeCommand('cyberarkPta.refresh');
    const [incremental] = eventGets(sim);
    assert.equal(Number(incremental.query.fromUpdateDate), Math.floor((watermark - REFRESH_OVERLAP_MS) / 1000));
    assert.equal(vault(api).store.get('aaaaaaaaaaaaaaaaaaaaaaa1')?.status, 'OPEN');
    assert.equal(vault(api).store.get(toClose.id)?.status, 'CLOSED');
    assert.equal(vault(api).store.get(toClose.id)?.reasonText, 'closed in the vault');
    assert.equal(vault(api).store.count('OPEN'), openBefore);
  });

  it('switches to milliseconds for a vault that reads the value so, and keeps the list whole', async () => {
    sim = await startVault({ count: 120, seed: 22 });
    sim.setTimestampUnit('milliseconds');
    await signIn(api, sim);
    const inWindow = sim.events().filter((e) => e.lastUpdateTime >= Date.now() - 30 * DAY_MS - 60_000).length;
    assert.equal(vault(api).store.count('OPEN') + vault(api).store.count('CLOSED'), inWindow, 'events older than asked are dropped by the client');
    sim.clearRequests();
    await vscode.commands.executeCommand('cyberarkPta.refresh');
    const [incremental] = eventGets(sim);
    assert.equal(Number(incremental.query.fromUpdateDate), newestUpdate(api) - REFRESH_OVERLAP_MS);
    assert.equal(vault(api).store.count('OPEN') + vault(api).store.count('CLOSED'), inWindow);
  });

  it('announces a new high-risk event once, never on the first load or for low scores', async () => {
    sim = await startVault({ count: 80, seed: 23 });
    const before = (await announcements(api, 0)).length;
    const loadsBefore = logLines(api, /: Loaded: /).length;
    await signIn(api, sim);
    assert.ok(list(api, 'OPEN').some((e) => e.score >= 70), 'the first load holds high-risk events');
    // An announcement is logged right after the load's own line, so once that line is on disk, so is any announcement.
    await waitFor(() => logLines(api, /: Loaded: /).length > loadsBefore, 'the first load in the log', 8000);
    assert.equal((await announcements(api, 0)).length, before, 'the first load announced something');

    sim.upsertEvent(freshEvent('bbbbbbbbbbbbbbbbbbbbbbb1', 'GoldenTicket', 96.5));
    sim.upsertEvent(freshEvent('bbbbbbbbbbbbbbbbbbbbbbb2', 'SuspectedCredentialsTheft', 12));
    const refreshesBefore = logLines(api, /: Refreshed: /).length;
    await vscode.commands.executeCommand('cyberarkPta.refresh');
    await vscode.commands.executeCommand('cyberarkPta.refresh');
    await announcements(api, before + 1);
    await waitFor(() => logLines(api, /: Refreshed: /).length >= refreshesBefore + 2, 'both refreshes in the log', 8000);
    const lines = (await announcements(api, before + 1)).slice(before);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0], /Announced: 1 new high-risk event: Golden Ticket \(96\.5\)$/);
  });
});

function expectedOpenEvent(sim: PvwaSimulator, api: Services): RawEvent {
  const held = new Set(list(api, 'OPEN').map((e) => e.id));
  const event = sim.events().find((e) => e.mStatus === 'OPEN' && held.has(e.id));
  if (!event) throw new Error('no open event in the first load');
  return event;
}
