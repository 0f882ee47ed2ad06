import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Services } from '../../../src/services';
import { PvwaSimulator } from '../../simulator/server';
import { startConnectProxy } from '../../support/connectProxy';
import { mintCertificates, startTlsFront, TestCertificates } from '../../support/tlsFront';
import { extensionApi, setSettings, signIn, signOut, startVault, vault } from './support';

describe("a vault behind a private CA, reached through VS Code's proxy setting", () => {
  let api: Services;
  let sim: PvwaSimulator;
  let certs: TestCertificates;
  let front: { url: string; close(): Promise<void> };
  let proxy: Awaited<ReturnType<typeof startConnectProxy>>;

  before(async () => {
    api = await extensionApi();
    sim = await startVault({ count: 40, seed: 9 });
    certs = mintCertificates();
    front = await startTlsFront(certs.signed, sim.baseUrl);
    const frontPort = Number(new URL(front.url).port);
    proxy = await startConnectProxy((target) => (target === 'pvwa.test:443' ? frontPort : undefined));
    await setSettings({ url: 'https://pvwa.test', 'tls.caFile': certs.caFile });
    await vscode.workspace.getConfiguration('http').update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await signOut(api);
    await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await setSettings({ 'tls.caFile': undefined });
    await proxy.close();
    await front.close();
    await sim.stop();
    fs.rmSync(certs.folder, { recursive: true, force: true });
  });

  it('signs in and loads events through the CONNECT proxy with the CA from tls.caFile', async () => {
    await signIn(api, 'https://pvwa.test');
    assert.ok(proxy.tunnels.includes('pvwa.test:443'), `tunnels: ${proxy.tunnels.join(', ')}`);
    assert.ok(vault(api).store.size > 0);
    assert.ok(sim.requests.some((r) => r.method === 'GET' && /Events/.test(r.path)));
  });

  it("refuses a self-signed vault behind VS Code's proxy layer even with tls.allowInsecure, and says that the CA file is the way", async () => {
    await signOut(api);
    const selfSigned = await startTlsFront(certs.selfSigned, sim.baseUrl);
    const route = Number(new URL(selfSigned.url).port);
    const insecureProxy = await startConnectProxy((target) => (target === 'pvwa.test:443' ? route : undefined));
    try {
      await vscode.workspace.getConfiguration('http').update('proxy', insecureProxy.url, vscode.ConfigurationTarget.Global);
      await setSettings({ 'tls.caFile': undefined });
      await assert.rejects(signIn(api, 'https://pvwa.test'), /self-signed certificate\. If you trust it, set cyberarkPta\.tls\.caFile/);
      await setSettings({ 'tls.allowInsecure': true });
      await assert.rejects(signIn(api, 'https://pvwa.test'), /allowInsecure is on, but VS Code's proxy support checks certificates for this host anyway: set cyberarkPta\.tls\.caFile/);
      assert.equal(vault(api).session.isSignedIn, false);
      assert.equal(insecureProxy.tunnels.length, 2);
    } finally {
      await setSettings({ 'tls.allowInsecure': undefined });
      await insecureProxy.close();
      await selfSigned.close();
    }
  });
});
