import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Services } from '../../../src/services';
import { PvwaSimulator } from '../../simulator/server';
import { extensionApi, list, ref, signIn, signOut, startVault, waitFor, waitForPage } from './support';

describe('event details', () => {
  let api: Services;
  let sim: PvwaSimulator;

  before(async () => {
    api = await extensionApi();
    sim = await startVault({ count: 80, seed: 3 });
    await signIn(api, sim);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOut(api);
    await sim.stop();
  });

  it('opens one panel per event whose HTML carries a strict CSP and no event data', async () => {
    const event = list(api, 'OPEN')[0];
    await vscode.commands.executeCommand('cyberarkPta.showEventDetails', ref(api, event.id));
    const panel = api.panels.get(ref(api, event.id));
    assert.ok(panel, 'panel opened');
    const html = panel.html;
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, 'a nonce for scripts');
    assert.match(html, new RegExp(`<script nonce="${nonce.replace(/[+/=]/g, '\\$&')}" src="[^"]+details\\.js"></script>`));
    assert.doesNotMatch(html, /onclick|onerror|javascript:/i);
    assert.ok(!html.includes(event.id), 'no event data in the HTML');
    await waitForPage(() => panel.isReady, 'the page to say ready');
    assert.equal(panel.model.id, event.id);
    assert.equal(panel.model.status, 'OPEN');
    assert.ok(panel.model.facts.some(([label]) => label === 'Last updated'));
    assert.deepEqual(JSON.parse(panel.model.rawJson.replace(/\\u202e/g, '\u202e')), JSON.parse(JSON.stringify(event.raw)));
  });

  it('reuses the panel for the same event and updates it when the event changes', async () => {
    const event = list(api, 'OPEN')[0];
    await vscode.commands.executeCommand('cyberarkPta.showEventDetails', ref(api, event.id));
    const panel = api.panels.get(ref(api, event.id))!;
    await vscode.commands.executeCommand('cyberarkPta.showEventDetails', ref(api, event.id));
    assert.equal(api.panels.get(ref(api, event.id)), panel);
    await vscode.commands.executeCommand('cyberarkPta.closeEvent', { eventIds: [event.id], reason: 'HANDLED', text: 'Checked with the account owner' });
    await waitFor(() => panel.model.status === 'CLOSED', 'the panel to show the closed event');
    assert.equal(panel.model.closeReason, 'Handled');
    assert.equal(panel.model.reasonText, 'Checked with the account owner');
  });

  it('opens the raw JSON as a read-only JSON document', async () => {
    const event = list(api, 'OPEN')[1];
    await vscode.commands.executeCommand('cyberarkPta.openRawJson', ref(api, event.id));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.scheme, 'cyberarkpta-event');
    assert.equal(editor.document.languageId, 'json');
    assert.equal(JSON.parse(editor.document.getText()).id, event.id);
    const edited = await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'x'));
    assert.equal(edited && editor.document.getText().startsWith('x'), false, 'the document is read-only');
  });

  it('copies the event id', async () => {
    const event = list(api, 'OPEN')[2];
    await vscode.commands.executeCommand('cyberarkPta.copyEventId', ref(api, event.id));
    assert.equal(await vscode.env.clipboard.readText(), event.id);
  });
});
