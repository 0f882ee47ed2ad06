// Live sessions on rows, and Open Event from Alert through the palette.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { assertText, Clip, eventsInWindow, Journey, quickInputClip, saveReadmeShot, saveShot, sideBarClip, toSubject, viewport } from '../journeyContext';
import { escapeRegExp, eventually, Workbench } from '../workbench';

/**
 * The newest open event with a live PSM session says so on its row; its CEF line, pasted into
 * Open Event from Alert…, is read as you type and opens its details.
 */
export async function openFromAlert({ wb, sim }: Journey): Promise<void> {
  const live = eventsInWindow(sim)
    .filter((e) => e.mStatus === 'OPEN' && sim.respond.liveSessionOf(e.id))
    .sort((a, b) => b.lastUpdateTime - a.lastUpdateTime)[0];
  assert.ok(live, 'the simulated data has an open event with a live PSM session');
  const subject = toSubject(live);
  const row = wb.treeRows(subject.rowLabel).first();
  await row.waitFor();
  await eventually('the row to say its session is live', async () => assert.match(await wb.rowDescription(row), / · live session · /));
  // A narrow side bar cuts the description; the hover says which session.
  const session = sim.respond.liveSessionOf(live.id)!.record;
  await row.locator('.label-name').hover();
  const hover = wb.page.locator('.workbench-hover, .monaco-hover').filter({ hasText: 'Live PSM session' }).first();
  await hover.waitFor();
  await assertText(hover, new RegExp(`Live PSM session: ${escapeRegExp(`${session.User} as ${session.AccountUsername}@${session.AccountAddress} from ${session.FromIP}`)}, started `));
  await saveReadmeShot(wb.page, 'live-session-row', await clipAround(wb, hover));
  await wb.parkMouse();

  await wb.runCommand('CyberArk PTA: Open Event from Alert…');
  await wb.waitForQuickInput('Open Event from Alert');
  await wb.typeIntoQuickInput(`CEF:0|CyberArk|PTA|14.2|21|Suspicious activity in a PSM session|9|suser=${sim.respond.liveSessionOf(live.id)!.record.User} cs2Label=EventID cs2=${live.id}`);
  await assertText(wb.quickInputMessage(), new RegExp(`Event ${live.id}`));
  await wb.parkMouse();
  await saveShot(wb.page, 'open-from-alert', await quickInputClip(wb));
  await wb.page.keyboard.press('Enter');
  await wb.waitForQuickInputClosed();
  await wb.webviewFrame(`#root[data-event-id="${live.id}"]`);
  await assertText(wb.page.locator('.tabs-container .tab.active'), new RegExp(escapeRegExp(subject.title)));
  await wb.runCommand('View: Close All Editors');
}

/** The side bar and the hover beside it. */
async function clipAround(wb: Workbench, hover: Locator): Promise<Clip> {
  const box = await hover.boundingBox();
  const side = await sideBarClip(wb, hover);
  if (!box) throw new Error('the hover is not shown');
  return { x: 0, y: 0, width: Math.min(viewport.width, Math.max(side.width, box.x + box.width + 12)), height: side.height };
}
