// Renders media/details.js and media/details.css in headless Chromium, once per theme kind, with
// a view model built from a simulated PSM event, and saves screenshots for a person to look at.
// Not a test: `npm run compile-tests && node out/test/support/detailsShots.js [outDir]`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EntityIndex } from '../../src/derived/entityIndex';
import { buildEventContext } from '../../src/details/eventContextView';
import { buildEventViewModel, EventViewModel } from '../../src/details/eventViewModel';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { EventStore } from '../../src/store/eventStore';
import { launchChromium, projectRoot } from '../host/codeServer';
import { generateEvents } from '../simulator/data';
import { ThemeKind, themeCss, THEME_VARIABLES, WEBVIEW_DEFAULT_CSS } from './themeColors';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

/** The classes VS Code gives a webview's body per theme kind. */
const BODY_CLASSES: Record<ThemeKind, string> = {
  light: 'vscode-light',
  dark: 'vscode-dark',
  'hc-dark': 'vscode-high-contrast',
  'hc-light': 'vscode-high-contrast-light',
};

/** Shot as a signed-in vault's events: every button shown. */
const ACTIONS = { canOpenInPvwa: true, canTriage: true };

/**
 * A PSM event with few audits (shown expanded), one with many (shown as a table), closed, and an
 * open one with closed look-alikes and its account's timeline: each with its context from an
 * entity index over the whole simulated set, as the panel builds it.
 */
function models(): Record<string, EventViewModel> {
  const events = generateEvents({ count: 400, seed: 7, now: NOW, hostileShare: 0 }).map((raw) => normalizeEvent(raw)!);
  const store = new EventStore();
  store.replaceAll(events);
  const index = new EntityIndex(store);
  const psm = events.filter((e) => e.type === 'PSMSuspiciousActivity');
  const few = psm.find((e) => e.auditCount >= 3 && e.auditCount <= 5 && e.status === 'OPEN');
  const many = events.find((e) => e.auditCount > 8 && e.status === 'CLOSED') ?? events.find((e) => e.auditCount > 8);
  const seenBefore = events.find((e) => e.status === 'OPEN' && e.auditCount >= 3 && index.lookAlikeCount(e.id) >= 2);
  if (!few || !many || !seenBefore) throw new Error('the simulated estate has no PSM event, long event or look-alike to show');
  const loadedSince = Math.min(...events.map((e) => e.createTime ?? e.lastUpdateTime));
  const withContext = (event: PtaEvent, timelineEntityKey?: string): EventViewModel => ({
    ...buildEventViewModel(event, NOW, ACTIONS),
    ...buildEventContext(index, event, { now: NOW, canTriage: true, canLoadHistory: true, timelineEntityKey, loadedSince: () => loadedSince }),
  });
  const account = index.entities(seenBefore.id).find((e) => e.kind === 'account');
  return { psm: withContext(few), table: withContext(many), context: withContext(seenBefore, account?.key) };
}

function page(kind: ThemeKind): string {
  const read = (file: string) => fs.readFileSync(path.join(projectRoot, 'media', file), 'utf8');
  const stub = `window.acquireVsCodeApi = () => ({ postMessage() {}, getState() { return undefined; }, setState() {} });`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<style>${themeCss(kind)}${WEBVIEW_DEFAULT_CSS}</style><style>${read('details.css')}</style></head>
<body class="${BODY_CLASSES[kind]}"><main id="root"></main><script>${stub}</script><script>${read('details.js')}</script></body></html>`;
}

async function main(): Promise<void> {
  const outDir = process.argv[2] ?? '/tmp/details-shots';
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await launchChromium();
  try {
    const pageInstance = await browser.newPage({ viewport: { width: 900, height: 800 } });
    for (const [name, model] of Object.entries(models())) {
      for (const kind of Object.keys(THEME_VARIABLES) as ThemeKind[]) {
        await pageInstance.setContent(page(kind));
        await pageInstance.evaluate((event) => window.postMessage({ type: 'event', event }, '*'), JSON.parse(JSON.stringify(model)));
        await pageInstance.waitForSelector('#root[data-event-id]');
        const file = path.join(outDir, `${name}-${kind}.png`);
        await pageInstance.screenshot({ path: file, fullPage: true });
        console.log(file);
        // The context sections close up, at the size a person reads them.
        for (const section of name === 'context' ? ['memory', 'entities', 'related', 'timeline'] : []) {
          const closeUp = path.join(outDir, `${name}-${section}-${kind}.png`);
          await pageInstance.locator(`.${section}`).first().screenshot({ path: closeUp });
          console.log(closeUp);
        }
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
