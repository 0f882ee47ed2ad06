import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../../src/services';
import { riskBand } from '../../../src/model/format';
import { PvwaSimulator } from '../../simulator/server';
import { extensionApi, list, signIn, signOut, startVault, vault, waitFor, waitForPage } from './support';

describe('the Overview', () => {
  let api: Services;
  let sim: PvwaSimulator;

  before(async () => {
    api = await extensionApi();
    sim = await startVault({ count: 150, seed: 4 });
    await signIn(api, sim);
  });

  afterEach(() => api.view.setFilter({}));

  after(async () => {
    await signOut(api);
    await sim.stop();
  });

  it('resolves when shown and posts the figures of the loaded events', async () => {
    await vscode.commands.executeCommand('cyberarkPta.overview.focus');
    await waitForPage(() => api.overview.isReady, 'the Overview page to say ready');
    await waitFor(() => api.overview.postedData?.total === vault(api).store.size, 'the figures of every loaded event');
    const data = api.overview.postedData!;
    const store = vault(api).store;
    assert.equal(data.open, store.count('OPEN'));
    assert.equal(data.closed, store.count('CLOSED'));
    const open = store.list('OPEN');
    assert.deepEqual(data.openByBand, {
      high: open.filter((e) => riskBand(e.score) === 'high').length,
      medium: open.filter((e) => riskBand(e.score) === 'medium').length,
      low: open.filter((e) => riskBand(e.score) === 'low').length,
    });
    assert.deepEqual(data.sources.map((s) => s.id), [vault(api).id]);
  });

  it("applies a filter when the page asks, and clears it", async () => {
    await waitFor(() => !!api.overview.postedData, 'the figures');
    api.overview.receive({ type: 'filter', filter: { kind: 'band', band: 'high' } });
    assert.equal(api.view.currentFilter.band, 'high');
    assert.ok(list(api, 'OPEN').length > 0 && list(api, 'OPEN').every((e) => riskBand(e.score) === 'high'));
    const [type] = api.overview.postedData!.types;
    api.overview.receive({ type: 'filter', filter: { kind: 'type', type: type.type } });
    assert.deepEqual(api.view.currentFilter.types, [type.type]);
    assert.equal(api.view.currentFilter.band, 'high', 'a click narrows the filter already set');
    api.overview.receive({ type: 'filter', filter: { kind: 'clear' } });
    assert.deepEqual(api.view.currentFilter, {});
  });

  it('toggles: a second click on the same band removes it, and one part of the filter is removed on its own', async () => {
    await waitFor(() => !!api.overview.postedData, 'the figures');
    api.view.setFilter({ text: 'a' });
    api.overview.receive({ type: 'filter', filter: { kind: 'band', band: 'high' } });
    assert.deepEqual(api.view.currentFilter, { text: 'a', band: 'high' });
    api.overview.receive({ type: 'filter', filter: { kind: 'band', band: 'high' } });
    assert.deepEqual(api.view.currentFilter, { text: 'a' }, 'pressed again: released');
    api.overview.receive({ type: 'filter', filter: { kind: 'band', band: 'low' } });
    api.overview.receive({ type: 'filter', filter: { kind: 'remove', part: 'text' } });
    assert.deepEqual(api.view.currentFilter, { band: 'low' });
    api.overview.receive({ type: 'filter', filter: { kind: 'remove', part: 'constructor' } });
    assert.deepEqual(api.view.currentFilter, { band: 'low' }, 'an unknown part is refused');
    api.view.setFilter({});
  });

  it('refuses malformed messages and what it did not show', async () => {
    await waitFor(() => !!api.overview.postedData, 'the figures');
    const before = api.overview.rejectedMessages;
    const malformed: unknown[] = [
      null,
      'filter',
      { type: 'filter' },
      { type: 'filter', filter: { kind: 'band', band: 'critical' } },
      { type: 'filter', filter: { kind: 'type', type: 'NotATypeShown' } },
      { type: 'filter', filter: { kind: 'band', band: 'high', extra: 1 } },
      { type: 'filter', filter: { kind: 'source', sourceId: 'vault:elsewhere' } },
      { type: 'filter', filter: { kind: 'clear' }, also: 'this' },
      { type: 'run', command: 'cyberarkPta.signOut' },
    ];
    for (const message of malformed) api.overview.receive(message);
    assert.equal(api.overview.rejectedMessages, before + malformed.length);
    assert.deepEqual(api.view.currentFilter, {});
    assert.ok(vault(api).session.isSignedIn);
  });

  it('posts new figures when the events change', async () => {
    await waitFor(() => !!api.overview.postedData, 'the figures');
    const openBefore = api.overview.postedData!.open;
    const [event] = list(api, 'OPEN');
    await vscode.commands.executeCommand('cyberarkPta.closeEvent', { eventIds: [event.id], reason: 'HANDLED', text: 'Checked' });
    await waitFor(() => api.overview.postedData?.open === openBefore - 1, 'the Overview to count one open event less');
  });

  it("Copy Shift Report counts a saved file's copy of the vault's events once, leaves out a signed-out vault and says so, without a backslash", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pta-report-'));
    const copy = vscode.Uri.file(path.join(folder, 'saved.json'));
    fs.writeFileSync(copy.fsPath, JSON.stringify(sim.events().filter((e) => vault(api).store.get(e.id))));
    const opened = await vscode.commands.executeCommand<{ ok: boolean; sourceId: string }>('cyberarkPta.openEventsFile', copy);
    assert.ok(opened?.ok, 'the saved copy opened');
    try {
      const open = vault(api).store.count('OPEN');
      const copied = [...api.sources.get(opened.sourceId)!.store.all()].filter((e) => vault(api).store.get(e.id)).length;
      assert.ok(copied > 0, 'the file holds events the vault holds');
      await vscode.commands.executeCommand('cyberarkPta.copyShiftReport');
      const report = await vscode.env.clipboard.readText();
      assert.match(report, new RegExp(`\\n## Open events: ${open.toLocaleString('en-US')}\\n`), 'each open event counted once');
      assert.ok(report.includes(`${copied} events of \`saved.json\` are copies of events in \`${vault(api).label}\`, counted there once.`), report.slice(0, 600));
      assert.ok(!report.includes('\\'), 'no backslash escapes');

      await signOut(api);
      await vscode.commands.executeCommand('cyberarkPta.copyShiftReport');
      const after = await vscode.env.clipboard.readText();
      assert.ok(after.includes(`Not counted: \`${vault(api).label}\` (signed out).`), after.slice(0, 600));
      assert.match(after, /## Per source\n\n- `saved\.json`: /);
    } finally {
      await vscode.commands.executeCommand('cyberarkPta.closeSource', { sourceId: opened.sourceId });
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
