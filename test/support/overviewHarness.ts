// The Overview page in headless Chromium, outside VS Code: media/overview.js and overview.css
// served under the webview's CSP, a stub acquireVsCodeApi, sample figures posted as the
// extension posts them, each theme kind's variables, a screenshot per theme, and checks that
// no CSP violation or page error occurred and that clicks and keys post filter requests.
// Run: npm run compile-tests && node out/test/support/overviewHarness.js <screenshot folder>
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { computeOverview, OverviewData } from '../../src/derived/overviewAggregates';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { launchChromium } from '../host/codeServer';
import { generateEvents } from '../simulator/data';
import { entitiesFromAudits } from './auditEntities';
import { serveOverviewPage, ThemeKind } from './overviewPage';


// Approximately the default themes' values (Light Modern, Dark Modern, the two high-contrast ones).
const THEMES: Record<ThemeKind, Record<string, string>> = {
  light: {
    background: '#f8f8f8', foreground: '#3b3b3b', descriptionForeground: '#717171', focusBorder: '#005fb8', 'widget-border': '#e5e5e5',
    'list-hoverBackground': '#f2f2f2', 'textLink-foreground': '#005fb8', 'editorWidget-background': '#f8f8f8',
    'charts-red': '#e51400', 'charts-orange': '#d18616', 'charts-green': '#388a34', 'charts-blue': '#1a85ff', 'charts-purple': '#652d90', 'charts-yellow': '#bf8803',
  },
  dark: {
    background: '#181818', foreground: '#cccccc', descriptionForeground: '#9d9d9d', focusBorder: '#0078d4', 'widget-border': '#313131',
    'list-hoverBackground': '#2a2d2e', 'textLink-foreground': '#4daafc', 'editorWidget-background': '#202020',
    'charts-red': '#f14c4c', 'charts-orange': '#d18616', 'charts-green': '#89d185', 'charts-blue': '#3794ff', 'charts-purple': '#b180d7', 'charts-yellow': '#cca700',
  },
  'high-contrast': {
    background: '#000000', foreground: '#ffffff', descriptionForeground: '#ffffff', focusBorder: '#f38518', contrastBorder: '#6fc3df', contrastActiveBorder: '#f38518',
    'widget-border': '#6fc3df', 'list-hoverBackground': 'transparent', 'textLink-foreground': '#21a6ff', 'editorWidget-background': '#0c141f',
    'charts-red': '#f14c4c', 'charts-orange': '#d18616', 'charts-green': '#89d185', 'charts-blue': '#3794ff', 'charts-purple': '#b180d7', 'charts-yellow': '#cca700',
  },
  'high-contrast-light': {
    background: '#ffffff', foreground: '#292929', descriptionForeground: '#292929', focusBorder: '#006bbd', contrastBorder: '#0f4a85', contrastActiveBorder: '#006bbd',
    'widget-border': '#0f4a85', 'list-hoverBackground': 'transparent', 'textLink-foreground': '#0f4a85', 'editorWidget-background': '#ffffff',
    'charts-red': '#b5200d', 'charts-orange': '#895503', 'charts-green': '#374e06', 'charts-blue': '#0f4a85', 'charts-purple': '#652d90', 'charts-yellow': '#895503',
  },
};

function themeCss(kind: ThemeKind): string {
  const variables = Object.entries(THEMES[kind]).map(([name, value]) => `--vscode-${name}: ${value};`);
  return `:root { ${variables.join(' ')} --vscode-font-family: system-ui, sans-serif; --vscode-font-size: 13px; }
body { background: var(--vscode-background); }`;
}

function sampleData(): OverviewData {
  const now = Date.UTC(2026, 2, 20, 15, 30);
  const events = (count: number, seed: number): PtaEvent[] =>
    generateEvents({ count, seed, now, windowDays: 14, hostileShare: 0.05 }).map((raw) => normalizeEvent(raw)!);
  return computeOverview({
    sources: [
      { id: 'vault:prod', label: 'pvwa.prod.example', events: events(1500, 1) },
      { id: 'file:/tmp/export.json', label: 'export <b>march</b>.json', events: events(300, 2) },
    ],
    now,
    lookbackDays: 14,
    timeZone: 'Europe/Paris',
    entitiesOf: entitiesFromAudits,
  });
}

async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? 'overview-shots');
  mkdirSync(outDir, { recursive: true });
  const server = await serveOverviewPage((kind) => (THEMES[kind] ? themeCss(kind) : undefined));
  const browser = await launchChromium();
  const data = sampleData();
  const problems: string[] = [];
  try {
    for (const kind of Object.keys(THEMES) as ThemeKind[]) {
      const context = await browser.newContext({ viewport: { width: 340, height: 900 }, deviceScaleFactor: 1 });
      const tab = await context.newPage();
      await tab.addInitScript(() => {
        const w = window as unknown as Record<string, unknown>;
        w.posted = [];
        w.violations = [];
        let state: unknown;
        w.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => (w.posted as unknown[]).push(m), getState: () => state, setState: (s: unknown) => (state = s) });
        document.addEventListener('securitypolicyviolation', (e) => (w.violations as string[]).push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      tab.on('pageerror', (error) => problems.push(`${kind}: page error ${error.message}`));
      tab.on('console', (message) => message.type() === 'error' && problems.push(`${kind}: console ${message.text()}`));
      await tab.goto(server.url(kind));
      await tab.waitForFunction(() => (window as unknown as { posted: Array<{ type: string }> }).posted.some((m) => m.type === 'ready'));
      const post = (message: unknown) => tab.evaluate((m) => window.postMessage(m, '*'), message);
      if (kind === 'dark') {
        await post({ type: 'overview', data: null, filter: null });
        await tab.waitForSelector('#root[data-state="empty"]');
        await tab.screenshot({ path: path.join(outDir, 'overview-empty-dark.png'), fullPage: true });
      }
      await post({ type: 'overview', data, filter: kind === 'light' ? 'Type: Golden Ticket · score ≥ 76' : null });
      await tab.waitForSelector('#root[data-state="loaded"]');
      await tab.screenshot({ path: path.join(outDir, `overview-${kind}.png`) });
      await tab.screenshot({ path: path.join(outDir, `overview-${kind}-full.png`), fullPage: true });

      // A click on a type row, and the keyboard on the time chart, post filter requests.
      await tab.click('.rows button.row >> nth=0');
      await tab.focus('g.column[tabindex="0"]');
      await tab.keyboard.press('ArrowLeft');
      await tab.keyboard.press('Enter');
      // An update keeps focus on the same day.
      await post({ type: 'overview', data, filter: null });
      const focused = await tab.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.focusKey);
      const posted = await tab.evaluate(() => (window as unknown as { posted: unknown[] }).posted);
      const violations = await tab.evaluate(() => (window as unknown as { violations: string[] }).violations);
      const filters = posted.filter((m) => (m as { type: string }).type === 'filter').map((m) => JSON.stringify((m as { filter: unknown }).filter));
      const yesterday = data.timeline.buckets[data.timeline.buckets.length - 2].key;
      if (filters.length !== 2 || !filters[0].includes('"kind":"type"') || filters[1] !== JSON.stringify({ kind: 'time', key: yesterday })) problems.push(`${kind}: filters posted ${filters.join(' ')}`);
      if (focused !== `time:${yesterday}`) problems.push(`${kind}: focus after an update on ${focused}`);
      if (violations.length > 0) problems.push(`${kind}: CSP violations ${violations.join(', ')}`);
      const texts = await tab.evaluate(() => document.body.innerText.length);
      console.log(`${kind}: ${texts} characters of text, filters posted ${filters.join(' ')}, CSP violations ${violations.length}`);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`Screenshots in ${outDir}`);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
