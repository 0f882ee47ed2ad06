import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { TestApi } from '../../../src/publicApi';
import type { Services } from '../../../src/services';
import { PvwaSimulator } from '../../simulator/server';
import { mintCertificates, startTlsFront, TestCertificates } from '../../support/tlsFront';
import { extensionApi, setSettings, signIn, signOut, startVault, vault, waitFor } from './support';

/** What the process holds open, by kind (timers, TLS and TCP sockets…), as Node reports it. */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

const CYCLES = 15;

describe('signing in and out many times leaves nothing behind', () => {
  let api: TestApi<Services>;
  let sim: PvwaSimulator;
  let certs: TestCertificates;
  let front: { url: string; close(): Promise<void> };

  before(async () => {
    api = (await extensionApi()) as TestApi<Services>;
    await signOut(api);
    sim = await startVault({ count: 40, seed: 5 });
    certs = mintCertificates();
    front = await startTlsFront(certs.signed, sim.baseUrl);
    // A private CA gives each session its own HTTPS agent; auto-refresh arms a timer per session.
    await setSettings({ url: front.url, 'tls.caFile': certs.caFile, autoRefreshSeconds: 60 });
    await api.vaults.sync();
  });

  after(async () => {
    await signOut(api);
    await setSettings({ 'tls.caFile': undefined, autoRefreshSeconds: 0 });
    await front.close();
    await sim.stop();
    fs.rmSync(certs.folder, { recursive: true, force: true });
  });

  it(`keeps listeners, HTTPS agents, timers and sockets level over ${CYCLES} sign-ins and sign-outs`, async function () {
    this.timeout(120_000);
    const cycle = async () => {
      await signIn(api, front.url);
      assert.ok(vault(api).store.size > 0, 'loaded over TLS');
      await signOut(api);
    };
    // One cycle first: what is made once (lazily) on the first sign-in is not a leak.
    await cycle();
    const before = { ...api.resourceCounts(), resources: activeResources() };
    for (let i = 0; i < CYCLES; i++) await cycle();
    // Sockets the vault side closes go a moment after the logoff.
    await waitFor(() => (activeResources().TLSWrap ?? 0) <= (before.resources.TLSWrap ?? 0), 'the TLS connections to close', 5000).catch(() => undefined);
    const after = { ...api.resourceCounts(), resources: activeResources() };
    const summary = `before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`;
    assert.equal(after.listeners, before.listeners, `listeners: ${summary}`);
    assert.equal(after.httpsAgents, 0, `HTTPS agents: ${summary}`);
    // The extension host runs other code too: a few timers or sockets may come and go, never one per cycle.
    for (const kind of ['Timeout', 'TLSWrap', 'TCPSocketWrap']) {
      assert.ok((after.resources[kind] ?? 0) - (before.resources[kind] ?? 0) < CYCLES / 3, `${kind}: ${summary}`);
    }
  });
});
