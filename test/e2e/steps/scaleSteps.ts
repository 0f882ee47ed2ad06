// The Overview at the scale it is built for: a third vault holding 50,000 events.
import * as assert from 'node:assert/strict';
import { generateEvents } from '../../simulator/data';
import { DEMO_PASSWORD, PvwaSimulator } from '../../simulator/server';
import { eventsInWindow, Journey } from '../journeyContext';
import { eventually } from '../workbench';
import { overviewFrame } from './overviewSteps';
import { addVault, enterPassword, expectOpenCount } from './vaultSteps';

const ESTATE = 'Estate 50k';
const EVENTS = 50_000;

/**
 * Adds a vault of 50,000 events through the UI, signs in to it, and reads the Overview page's own
 * render time once it shows them: the page only ever receives aggregates, whatever the estate's size.
 */
export async function overviewAtScale(j: Journey): Promise<void> {
  const { wb } = j;
  const big = new PvwaSimulator({ events: generateEvents({ count: EVENTS, seed: 50, now: Date.now(), windowDays: 29 }) });
  await big.start();
  try {
    await addVault(wb, ESTATE, big.appUrl);
    await wb.topLevelRow(ESTATE).waitFor();

    await wb.runCommand('CyberArk PTA: Sign In');
    await wb.waitForQuickInput('CyberArk PTA vaults');
    await wb.pickQuickItem(ESTATE);
    const inWindow = eventsInWindow(big);
    await enterPassword(wb, DEMO_PASSWORD);
    const signedInAt = Date.now();
    await expectOpenCount(wb, wb.topLevelRow(ESTATE), inWindow.filter((e) => e.mStatus === 'OPEN').length, 90_000);
    j.figures.push(`Sign In to the vault's open count in the tree: ${((Date.now() - signedInAt) / 1000).toFixed(1)} s for ${inWindow.length.toLocaleString('en-US')} events`);

    await wb.setPaneExpanded('Overview', true);
    const frame = await overviewFrame(j);
    let loaded = 0;
    await eventually('the Overview to count the 50,000-event vault', async () => {
      const text = await frame.locator('#root').innerText();
      loaded = Number(/([\d,]+) loaded\./.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
      assert.ok(loaded >= inWindow.length, `the Overview says ${loaded} loaded, the vault alone holds ${inWindow.length}`);
    }, 60_000);
    const renderMs = Number((await frame.locator('#root').getAttribute('data-render-ms')) ?? NaN);
    assert.ok(Number.isFinite(renderMs) && renderMs >= 0, `the page should say its render time, data-render-ms is ${renderMs}`);
    j.figures.push(`Overview page render (build and layout, in the page): ${renderMs.toFixed(1)} ms for ${loaded.toLocaleString('en-US')} loaded events`);
  } finally {
    await big.stop();
  }
}
