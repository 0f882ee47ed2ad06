import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { displayText } from '../../../src/model/format';
import type { Services } from '../../../src/services';
import type { TreeNode } from '../../../src/tree/treeNodes';
import { HOSTILE_STRINGS, RawEvent } from '../../simulator/data';
import { PvwaSimulator } from '../../simulator/server';
import { hostileEvents } from '../../support/hostileEvents';
import { extensionApi, ref, signIn, signOut, startVault, vault, waitForPage } from './support';

// Raw control, direction and invisible characters: none may reach a single-line place unshown.
const RAW_INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

function textOf(label: string | vscode.TreeItemLabel | undefined): string {
  assert.equal(typeof label, 'string', 'a tree label is plain text, never a label object with highlights');
  return label as string;
}

function assertPlainText(where: string, value: unknown): void {
  assert.equal(typeof value, 'string', `${where} is a plain string (a MarkdownString could render links and HTML)`);
  const text = value as string;
  assert.doesNotMatch(text, RAW_INVISIBLE, `${where} holds a raw control or direction character: ${JSON.stringify(text)}`);
  assert.ok(!text.includes('undefined'), `${where} says "undefined": ${text}`);
}

describe('hostile strings from the vault', () => {
  let api: Services;
  let sim: PvwaSimulator;
  let events: RawEvent[];

  before(async () => {
    assert.ok(HOSTILE_STRINGS.length >= 30, `${HOSTILE_STRINGS.length} payloads`);
    api = await extensionApi();
    events = hostileEvents(Date.now());
    sim = await startVault({ events });
    await signIn(api, sim);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await signOut(api);
    await sim.stop();
  });

  it('loads every hostile event, none dropped or merged', () => {
    for (const event of events) assert.ok(vault(api).store.get(event.id), `event ${event.id} (${JSON.stringify(event.type).slice(0, 60)}) is missing`);
    assert.equal(vault(api).store.count('OPEN') + vault(api).store.count('CLOSED'), events.length);
  });

  it('shows every tree label, description and tooltip as plain, visible text', () => {
    const nodes: TreeNode[] = [];
    for (const group of api.tree.getChildren()) {
      for (const eventNode of api.tree.getChildren(group)) {
        nodes.push(eventNode, ...api.tree.getChildren(eventNode));
      }
    }
    assert.ok(nodes.filter((n) => n.kind === 'audit').length >= events.length, 'audits are listed');
    for (const node of nodes) {
      const item = api.tree.resolveTreeItem(api.tree.getTreeItem(node), node);
      const where = `${node.kind} ${'eventId' in node ? node.eventId : ''}`;
      assertPlainText(`${where} label`, textOf(item.label));
      if (item.description !== undefined) assertPlainText(`${where} description`, item.description);
      if (item.tooltip !== undefined) {
        assertPlainText(`${where} tooltip`, typeof item.tooltip === 'string' ? item.tooltip.replace(/\n/g, ' ') : item.tooltip);
      }
    }
  });

  it('labels each event with its type literally (cut short in the row, whole in the tooltip), control characters shown as code points', () => {
    const eventNodes = api.tree.getChildren().flatMap((group) => api.tree.getChildren(group));
    // The score leads every label; the type follows it, in a few words.
    const labels = new Map(eventNodes.map((node) => ['eventId' in node ? node.eventId : '', textOf(api.tree.getTreeItem(node).label).replace(/^\d+(\.\d)? · /, '')]));
    const tooltips = new Map(eventNodes.map((node) => ['eventId' in node ? node.eventId : '', String(api.tree.resolveTreeItem(api.tree.getTreeItem(node), node).tooltip).split('\n')[0]]));
    for (const event of events) {
      assert.equal(labels.get(event.id), String(event.type).trim() ? displayText(String(event.type), 24) : 'Unknown event type');
      assert.equal(tooltips.get(event.id), String(event.type).trim() ? displayText(String(event.type)) : 'Unknown event type');
    }
    assert.equal(tooltips.get(events[0].id), '<img src=x onerror=alert(1)>');
    assert.equal(tooltips.get(events[HOSTILE_STRINGS.indexOf('[click](command:workbench.action.terminal.new)')].id), '[click](command:workbench.action.terminal.new)');
    assert.equal(labels.get(events[HOSTILE_STRINGS.indexOf('invoice\u202efdp.exe')].id), 'invoice<U+202E>fdp.exe');
  });

  it('sends the details page no vault data in its HTML, only text through messages, and the page stays alive', async function () {
    this.timeout(120_000);
    // Every event carries every payload in its additional data, so a quarter of them covers all payloads in every field kind.
    for (const event of events.filter((_, index) => index % 4 === 0)) {
      await vscode.commands.executeCommand('cyberarkPta.showEventDetails', ref(api, event.id));
      const panel = api.panels.get(ref(api, event.id));
      assert.ok(panel, `a panel for ${event.id}`);
      assert.ok(!panel.html.includes(event.id), 'event data in the HTML');
      assert.doesNotMatch(panel.html, /onerror|onload|javascript:|evil\.example/i);
      await waitForPage(() => panel.isReady, `the details page of ${event.id} to say ready`);
      assert.equal(panel.model.type, String(event.type).trim() ? displayText(String(event.type), 2000) : 'Unknown event type');
      assert.equal(panel.model.additionalData.length, HOSTILE_STRINGS.filter((s) => s !== '').length, 'every non-empty additional data row is there');
      assert.deepEqual(JSON.parse(panel.model.rawJson), JSON.parse(JSON.stringify(event)), 'the raw JSON reads back as the vault sent it');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens the raw JSON of a hostile event as a document that reads back as the vault sent it', async () => {
    const event = events[HOSTILE_STRINGS.indexOf('"}]},{"id":"injected","mStatus":"CLOSED"')];
    await vscode.commands.executeCommand('cyberarkPta.openRawJson', ref(api, event.id));
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document);
    assert.deepEqual(JSON.parse(document.getText()), JSON.parse(JSON.stringify(event)));
    assert.equal(vault(api).store.get('injected'), undefined);
  });
});
