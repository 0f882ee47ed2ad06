import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionApi, vault } from './support';

describe('activation and contributions', () => {
  it('activates and exposes its services to tests only', async () => {
    const api = await extensionApi();
    assert.ok(api.sources && api.tree && vault(api).session);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.extensionKind !== undefined, true);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('registers every contributed command', async () => {
    const contributed: Array<{ command: string; category: string }> = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c.command)).map((c) => c.command);
    assert.deepEqual(missing, []);
    assert.ok(contributed.every((c) => c.category === 'CyberArk PTA'));
    for (const id of ['cyberarkPta.signIn', 'cyberarkPta.signOut', 'cyberarkPta.refresh', 'cyberarkPta.showEventDetails', 'cyberarkPta.openRawJson', 'cyberarkPta.copyEventId']) {
      assert.ok(registered.has(id), id);
    }
  });

  it('loads the code of most commands on their first use, and registers every command again in its place', async () => {
    const firstUseCode = () => Object.keys(require.cache).filter((file) => file.endsWith(path.join('dist', 'lazy', 'onFirstUse.js')));
    const contributed: string[] = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    assert.deepEqual(firstUseCode(), [], 'start-up loaded the code of the commands it does not need');
    const api = await extensionApi();
    const order = api.view.sortOrder;
    await vscode.commands.executeCommand(order === 'score' ? 'cyberarkPta.sortByScore' : 'cyberarkPta.sortByUpdate');
    assert.equal(firstUseCode().length, 1, 'the first command of the part loaded on first use loads it');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), []);
    assert.equal(api.view.sortOrder, order);
  });

  it('contributes the Events view in its own container, and connection settings only at application scope', () => {
    const contributes = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes;
    assert.equal(contributes.viewsContainers.activitybar[0].title, 'CyberArk PTA');
    assert.equal(contributes.views.cyberarkPta[0].id, 'cyberarkPta.events');
    for (const key of ['url', 'username', 'authMethod', 'rememberPassword', 'tls.caFile', 'tls.allowInsecure', 'allowPlainHttp']) {
      assert.equal(contributes.configuration.properties[`cyberarkPta.${key}`].scope, 'application', key);
    }
  });

  it('shows no events while signed out', async () => {
    const api = await extensionApi();
    if (vault(api).session.isSignedIn) await vault(api).session.signOut({ timeoutMs: 1000 });
    assert.deepEqual(api.tree.getChildren(), []);
    assert.equal(api.treeView.message, undefined);
  });
});
