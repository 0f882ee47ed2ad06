import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { computeOverview, OverviewData } from '../../src/derived/overviewAggregates';
import { normalizeEvent } from '../../src/model/ptaEvent';
import { launchChromium } from '../host/codeServer';
import { generateEvents } from '../simulator/data';
import { entitiesFromAudits } from '../support/auditEntities';
import { OverviewPageServer, serveOverviewPage } from '../support/overviewPage';

const NOW = Date.UTC(2026, 2, 20, 15, 30);
const SECRET_SOURCE = 'pvwa-secret-site.corp.example';

function figures(): OverviewData {
  const events = generateEvents({ count: 200, seed: 9, now: NOW, windowDays: 14, hostileShare: 0.05 }).map((raw) => normalizeEvent(raw)!);
  return computeOverview({ sources: [{ id: 'vault:secret', label: SECRET_SOURCE, events }], now: NOW, lookbackDays: 14, timeZone: 'UTC', entitiesOf: entitiesFromAudits });
}

/** What the page gave setState, in order, and what getState answered at its start. */
interface Recorded {
  saved: unknown[];
}

describe('the Overview page keeps no vault data in its persisted state (a real browser)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let server: OverviewPageServer;

  before(async () => {
    server = await serveOverviewPage((kind) => (kind === 'dark' ? ':root { --vscode-foreground: #ccc; }' : undefined));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('persists only which tables are open, replaces the figures an earlier version kept, and never draws from them', async () => {
    const data = figures();
    const context = await browser.newContext();
    try {
      const tab = await context.newPage();
      // The state an earlier version left in workspace storage: the whole message, figures and names.
      const earlier = { message: { type: 'overview', data, filter: `Source: ${SECRET_SOURCE}` }, openTables: ['table:Events per day', `table:${SECRET_SOURCE}`] };
      await tab.addInitScript((initial) => {
        const w = window as unknown as Record<string, unknown> & Recorded;
        w.saved = [];
        let state: unknown = initial;
        w.acquireVsCodeApi = () => ({
          postMessage: () => undefined,
          getState: () => state,
          setState: (s: unknown) => {
            state = JSON.parse(JSON.stringify(s));
            w.saved.push(state);
          },
        });
      }, earlier);
      await tab.goto(server.url('dark'));
      await tab.waitForFunction(() => (window as unknown as Recorded).saved.length > 0);
      assert.equal(await tab.evaluate(() => document.getElementById('root')!.dataset.state), undefined, 'nothing drawn from the persisted state');

      await tab.evaluate((m) => window.postMessage(m, '*'), { type: 'overview', data, filter: null });
      await tab.waitForSelector('#root[data-state="loaded"]');
      assert.equal(await tab.locator('details.as-table').getAttribute('open'), '', 'the table left open is open again');
      await tab.click('details.as-table > summary');
      await tab.waitForFunction(() => (window as unknown as Recorded).saved.length >= 2);
      await tab.click('details.as-table > summary');
      await tab.waitForFunction(() => (window as unknown as Recorded).saved.length >= 3);

      const saved = await tab.evaluate(() => (window as unknown as Recorded).saved);
      assert.deepEqual(saved, [{ openTables: ['table:Events per day'] }, { openTables: [] }, { openTables: ['table:Events per day'] }]);
      const text = JSON.stringify(saved);
      const vaultStrings = [SECRET_SOURCE, ...data.types.map((t) => t.label), ...Object.values(data.topEntities).flat().map((r) => r.label)];
      for (const value of vaultStrings) assert.ok(!text.includes(value), `${value} was persisted`);
      assert.doesNotMatch(text, /\d/, 'no count, score or time');
    } finally {
      await context.close();
    }
  });
});
