import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { key } from '../../../src/auth/passwordStore';
import { DEMO_PASSWORD, DEMO_USERNAME, PvwaSimulator } from '../../simulator/server';
import type { Services } from '../../../src/services';
import { extensionApi, filesUnder, list, logText, ref, signIn, signOut, startVault, vault, waitFor, waitForPage } from './support';

describe('sign-in and secrets', () => {
  let api: Services;
  let sim: PvwaSimulator;

  before(async () => {
    api = await extensionApi();
    sim = await startVault();
  });

  after(async () => {
    await signOut(api);
    await api.passwords.delete(sim.baseUrl + '/PasswordVault', DEMO_USERNAME);
    await sim.stop();
  });

  it('signs in, keeps the password in SecretStorage and the token only in memory', async () => {
    await signIn(api, sim);
    assert.equal(vault(api).session.isSignedIn, true);
    const stored = await api.context.secrets.get(key(`${sim.baseUrl}/PasswordVault`, DEMO_USERNAME));
    assert.equal(stored, DEMO_PASSWORD);
    const logon = sim.requests.find((r) => r.path.endsWith('/Logon'));
    assert.deepEqual(logon?.body, { username: DEMO_USERNAME, password: DEMO_PASSWORD, concurrentSession: true });
    const events = sim.requests.find((r) => r.method === 'GET' && /\/API\/pta\/API\/Events\/?$/.test(r.path));
    assert.ok(events, 'the events were requested');
    assert.ok(events.headers.authorization && !String(events.headers.authorization).startsWith('Bearer'), 'token sent verbatim');
  });

  it("reads the vault's version once after sign-in, keeps it with who is signed in, and drops it at sign-out", async () => {
    await waitFor(() => vault(api).vaultCapabilities !== undefined, "the vault's capabilities");
    const capabilities = vault(api).vaultCapabilities!;
    assert.equal(capabilities.version?.text, '14.2.0');
    assert.equal(capabilities.signedInUser, DEMO_USERNAME);
    assert.deepEqual(capabilities.can('accountActivities'), { available: true });
    assert.equal(sim.requests.filter((r) => r.path.endsWith('/PIMServices.svc/Server')).length, 1);
    await signOut(api);
    assert.equal(vault(api).vaultCapabilities, undefined);
    await signIn(api, sim);
  });

  it('signs in again from the command with the stored password, asking nothing', async () => {
    await signOut(api);
    assert.equal(vault(api).session.isSignedIn, false);
    sim.clearRequests();
    const signedIn = await vscode.commands.executeCommand<boolean>('cyberarkPta.signIn');
    assert.equal(signedIn, true);
    await waitFor(() => vault(api).refresh.current.loaded, 'the load after sign-in');
    assert.ok(vault(api).store.size > 0);
  });

  it('renews an expired session once, silently, and retries the request', async () => {
    sim.expireTokens();
    sim.clearRequests();
    await vscode.commands.executeCommand('cyberarkPta.refresh');
    // The live-sessions list that follows each refresh is not part of it.
    const paths = sim.requests.filter((r) => !/\/API\/LiveSessions/i.test(r.path)).map((r) => `${r.method} ${r.status} ${r.path.replace(/^.*?\/API\//, '')}`);
    assert.deepEqual(paths.map((p) => p.replace(/\?.*$/, '')), ['GET 401 pta/API/Events/', 'POST 200 auth/CyberArk/Logon', 'GET 200 pta/API/Events/']);
    assert.equal(vault(api).refresh.current.lastError, undefined);
  });

  it('never writes the password or a token to settings or the log', async () => {
    const tokens = [...new Set(sim.requests.map((r) => r.headers.authorization).filter((t): t is string => typeof t === 'string'))];
    assert.ok(tokens.length > 0);
    const secrets = [DEMO_PASSWORD, ...tokens];
    const config = JSON.stringify(vscode.workspace.getConfiguration('cyberarkPta'));
    const userFolder = path.resolve(api.context.globalStorageUri.fsPath, '..', '..');
    const settingsFile = path.join(userFolder, 'settings.json');
    assert.ok(fs.existsSync(settingsFile), settingsFile);
    const settingsText = fs.readFileSync(settingsFile, 'utf8');
    assert.match(settingsText, /cyberarkPta\.url/);

    const log = logText(api);
    assert.ok(log, 'the request log was found');
    assert.match(log, /GET \/PasswordVault\/API\/pta\/API\/Events\/\?fromUpdateDate=\d+ 200 \d+ ms/);
    for (const secret of secrets) {
      assert.ok(!config.includes(secret), 'configuration holds a secret');
      assert.ok(!settingsText.includes(secret), 'settings.json holds a secret');
      assert.ok(!log.includes(secret), 'the log holds a secret');
    }
  });

  it('forgets a refused stored password and reports the vault error', async () => {
    await signOut(api);
    await api.passwords.store(`${sim.baseUrl}/PasswordVault`, DEMO_USERNAME, 'wrong-password');
    await assert.rejects(
      vault(api).session.signIn({ address: (await import('../../../src/api/baseUrl')).parseVaultAddress(sim.baseUrl), username: DEMO_USERNAME, method: 'CyberArk' }),
      /PASWS013E: Authentication failure/,
    );
    assert.equal(await api.passwords.get(`${sim.baseUrl}/PasswordVault`, DEMO_USERNAME), undefined);
    assert.equal(vault(api).session.isSignedIn, false);
  });

  it('leaves no password or token in the user-data folder, the log or a details page, and closes the page on signing out', async function () {
    this.timeout(60_000);
    const password = `Pw-${crypto.randomUUID()}`;
    const secretVault = await startVault({ users: [{ username: DEMO_USERNAME, password }] });
    try {
      await signIn(api, secretVault, password);
      const event = list(api, 'OPEN')[0];
      await vscode.commands.executeCommand('cyberarkPta.showEventDetails', ref(api, event.id));
      const panel = api.panels.get(ref(api, event.id))!;
      await waitForPage(() => panel.isReady, 'the details page');
      assert.equal(panel.model.id, event.id, 'the live panel shows the event');
      // What the page holds while it is live: its HTML and the model posted to it.
      const liveContent = () => (panel.isDisposed ? '' : `${panel.html}\n${JSON.stringify(panel.model)}`);
      const whileSignedIn = liveContent();
      await vault(api).session.signOut({ timeoutMs: 2000 });
      await waitFor(() => panel.isDisposed, 'the details panel to close on sign-out');
      assert.equal(liveContent(), '', 'no event data is shown after signing out');

      const tokens = [...new Set(secretVault.requests.map((r) => r.headers.authorization).filter((t): t is string => typeof t === 'string'))];
      assert.ok(tokens.length > 0, 'a token was used');
      assert.ok(secretVault.requests.some((r) => /\/logoff$/i.test(r.path)), 'signing out logs off');
      const userDataFolder = path.resolve(api.context.globalStorageUri.fsPath, '..', '..', '..');
      const files = filesUnder(userDataFolder);
      assert.ok(files.some((f) => f.endsWith('settings.json')), `searched the user-data folder ${userDataFolder}`);
      for (const secret of [password, ...tokens]) {
        const needles = [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le')];
        const hits = files.filter((file) => {
          const bytes = fs.readFileSync(file);
          return needles.some((needle) => bytes.includes(needle));
        });
        assert.deepEqual(hits, [], `a ${secret === password ? 'password' : 'token'} was found on disk`);
        assert.ok(!logText(api).includes(secret), 'the log holds a secret');
        assert.ok(!whileSignedIn.includes(secret), 'the details page held a secret');
      }
    } finally {
      await api.passwords.delete(secretVault.baseUrl + '/PasswordVault', DEMO_USERNAME);
      await secretVault.stop();
    }
  });
});
