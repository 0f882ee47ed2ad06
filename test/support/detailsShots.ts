// Renders media/details.js and media/details.css in headless Chromium, once per theme kind, with
// a view model built from a simulated PSM event, and saves screenshots for a person to look at.
// Not a test: `npm run compile-tests && node out/test/support/detailsShots.js [outDir]`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildEventViewModel, EventViewModel } from '../../src/details/eventViewModel';
import { normalizeEvent } from '../../src/model/ptaEvent';
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

/** A PSM event with few audits (shown expanded) and one with many (shown as a table), closed. */
function models(): Record<string, EventViewModel> {
  const events = generateEvents({ count: 400, seed: 7, now: NOW, hostileShare: 0 }).map((raw) => normalizeEvent(raw)!);
  const psm = events.filter((e) => e.type === 'PSMSuspiciousActivity');
  const few = psm.find((e) => e.auditCount >= 3 && e.auditCount <= 5 && e.status === 'OPEN');
  const many = events.find((e) => e.auditCount > 8 && e.status === 'CLOSED') ?? events.find((e) => e.auditCount > 8);
  if (!few || !many) throw new Error('the simulated estate has no PSM event to show');
  return { psm: buildEventViewModel(few, NOW, ACTIONS), table: buildEventViewModel(many, NOW, ACTIONS) };
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
