// The Overview view below Events: drawn after sign-in, a click on a type filters the Events view.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { readableEventType } from '../../../src/model/format';
import { assertText, eventsInWindow, Journey, saveReadmeShot, saveShot, waitForGroupCounts, wholeSideBarClip } from '../journeyContext';
import { escapeRegExp, eventually } from '../workbench';
import { setTheme } from './detailsSteps';
import { expectNoFilterMessage } from './treeSteps';

export async function overviewFiltersEvents(j: Journey): Promise<void> {
  const { wb, sim, expected } = j;
  // Events folded: the Overview gets the side bar's height for its screenshots.
  await wb.setExpanded(wb.topLevelRow('Open'), false);
  await wb.setPaneExpanded('Overview', true);
  await wb.setPaneExpanded('Events', false);
  const frame = await overviewFrame(j);
  await assertText(frame.locator('h2').first(), new RegExp(`^Open events: ${expected.open}$`));
  await assertText(frame.locator('#root'), new RegExp(`${expected.closed} closed, ${expected.open + expected.closed} loaded\\.`));
  const renderMs = Number((await frame.locator('#root').getAttribute('data-render-ms')) ?? NaN);
  assert.ok(Number.isFinite(renderMs) && renderMs >= 0, `the page should say its render time, data-render-ms is ${renderMs}`);
  j.figures.push(`Overview page render (build and layout, in the page): ${renderMs.toFixed(1)} ms for ${expected.open + expected.closed} events`);

  await wb.parkMouse();
  await saveReadmeShot(wb.page, 'overview-dark', await wholeSideBarClip(wb));
  await setTheme(j, 'Light Modern', 'vscode-light', frame);
  await wb.parkMouse();
  await saveReadmeShot(wb.page, 'overview-light', await wholeSideBarClip(wb));
  await setTheme(j, 'Dark Modern', 'vscode-dark', frame);

  // The biggest type, whose figures the page states in its button's label.
  await wb.setPaneExpanded('Events', true);
  // The page on screen now: the one found before the theme changes may have been replaced.
  const live = await overviewFrame(j);
  const typeButton = live.locator('section').filter({ has: live.locator('h2', { hasText: /^Events by type$/ }) }).locator('button.row').first();
  const typeLabel = (await typeButton.locator('.row-label').innerText()).trim();
  const ofType = eventsInWindow(sim).filter((e) => readableEventType(String(e.type)) === typeLabel);
  const typeOpen = ofType.filter((e) => e.mStatus === 'OPEN').length;
  const typeClosed = ofType.length - typeOpen;
  assert.ok(ofType.length > 0, `no simulated event has the type "${typeLabel}"`);
  assert.match((await typeButton.getAttribute('aria-label')) ?? '', new RegExp(`^${escapeRegExp(typeLabel)}: ${typeOpen} open, ${typeClosed} closed\\.`));

  // Pressed from the keyboard, as a button is: a click can land on a neighbour while the page lays out after the pane grew.
  await typeButton.focus();
  await typeButton.press('Enter');
  await assertText(live.locator('.filter-bar'), new RegExp(`Events view filtered: ${escapeRegExp(typeLabel)}`));
  await assertText(wb.viewMessage(), new RegExp(`Filtered: ${escapeRegExp(typeLabel)}\\.`));
  await wb.parkMouse();
  await saveShot(wb.page, 'overview-type-filter');
  // Folded, the Overview leaves the tree the height to show both groups.
  await wb.setPaneExpanded('Overview', false);
  await wb.setExpanded(wb.topLevelRow('Open'), true);
  const shown = (n: number, total: number) => (n === total ? String(total) : `${n} of ${total}`);
  await waitForGroupCounts(wb, shown(typeOpen, expected.open), shown(typeClosed, expected.closed));
  const rows = await wb.childRowLabels(wb.topLevelRow('Open'));
  assert.ok(rows.length === typeOpen && rows.every((r) => r.startsWith(`${typeLabel}, `)), `open rows shown: ${JSON.stringify(rows)}`);

  // Unfolded, the Overview is a new page (a hidden webview view's page is discarded); it shows the filter too.
  await wb.setPaneExpanded('Overview', true);
  const unfolded = await overviewFrame(j);
  await assertText(unfolded.locator('.filter-bar'), new RegExp(`Events view filtered: ${escapeRegExp(typeLabel)}`));
  await unfolded.locator('.filter-bar').getByRole('button', { name: 'Clear the Events view filter' }).click();
  await wb.setPaneExpanded('Overview', false);
  await waitForGroupCounts(wb, String(expected.open), String(expected.closed));
  await expectNoFilterMessage(wb);
}

export async function overviewFrame({ wb }: Journey): Promise<Frame> {
  const frame = await wb.webviewFrame('#root[data-state="loaded"]');
  await eventually('the Overview to be drawn', async () => assert.ok(await frame.locator('#root svg.columns').count(), 'no timeline chart yet'));
  return frame;
}
