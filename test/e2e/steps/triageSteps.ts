// Triage in bulk: every open event the filter shows selected with Ctrl+A, closed at once, and
// the close undone from its summary.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { assertText, eventsInWindow, Journey, patches, saveReadmeShot, topOfWindowClip, viewport, waitForGroupCounts } from '../journeyContext';
import { eventually, type Workbench } from '../workbench';
import { expectNoFilterMessage, filterByMinimumScore } from './treeSteps';

/** High enough that a handful of events are closed, so the step stays quick. */
const bulkMinScore = 80;
const bulkReasonText = 'Scanner sweep in the maintenance window';

/**
 * The open events with a score of at least 80: the first row clicked, Ctrl+A, Close Event… from
 * the context menu, the count confirmed, a reason and a text; the summary offers Undo, which
 * reopens exactly those events.
 */
export async function closeManyAndUndo({ wb, sim }: Journey): Promise<void> {
  const [open, closed] = [await groupCount(wb, 'Open'), await groupCount(wb, 'Closed')];
  const chosen = eventsInWindow(sim).filter((e) => e.mStatus === 'OPEN' && Number(e.score) >= bulkMinScore);
  const closedAbove = eventsInWindow(sim).filter((e) => e.mStatus === 'CLOSED' && Number(e.score) >= bulkMinScore).length;
  const n = chosen.length;
  assert.ok(n >= 2 && n <= 12, `the step wants a few open events scored ${bulkMinScore} or more, the data has ${n}`);

  // The summaries of earlier closes would stand beside this one's.
  await wb.runCommand('Notifications: Clear All Notifications');
  await wb.setExpanded(wb.topLevelRow('Closed'), false);
  await filterByMinimumScore(wb, bulkMinScore);
  await waitForGroupCounts(wb, `${n} of ${open}`, `${closedAbove} of ${closed}`);

  // Ctrl+A selects every row of the tree, groups included; only the open events count.
  const openGroup = wb.topLevelRow('Open');
  await wb.setExpanded(openGroup, true);
  const firstRow = rowAt(wb, Number(await openGroup.getAttribute('data-index')) + 1);
  await firstRow.locator('.label-name').click();
  await wb.page.keyboard.press('ControlOrMeta+A');
  const eventRows = wb.sideBar.locator('.monaco-list-row[role="treeitem"][aria-level="2"]');
  await eventually(`the ${n} open events selected`, async () => {
    const selected = await eventRows.evaluateAll((rows) => rows.filter((row) => row.getAttribute('aria-selected') === 'true').length);
    assert.equal(selected, n);
  });

  const patchesBefore = patches(sim).length;
  await wb.contextMenuAction(firstRow, 'Close Event…');
  const dialog = wb.page.locator('.monaco-dialog-box');
  await assertText(dialog, new RegExp(`Close ${n} events in the vault\\?`));
  await dialog.getByRole('button', { name: `Close ${n} Events`, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await wb.waitForQuickInput(`Close ${n} events (1/2): reason`);
  await wb.pickQuickItem('False positive');
  await wb.waitForQuickInput(`Close ${n} events (2/2): text`);
  await wb.typeIntoQuickInput(bulkReasonText);
  await wb.page.keyboard.press('Enter');
  await wb.waitForQuickInputClosed();

  const summary = wb.notificationToasts().filter({ hasText: `Closed ${n} of ${n} events.` });
  await summary.waitFor();
  const undo = summary.getByRole('button', { name: 'Undo', exact: true });
  await undo.waitFor();
  await wb.notificationToasts().filter({ hasText: `Closing ${n} events` }).waitFor({ state: 'detached' });
  const closes = patches(sim).slice(patchesBefore);
  assert.deepEqual(closes.map((p) => idOf(p.path)).sort(), chosen.map((e) => e.id).sort(), 'one close per chosen event, and no other');
  for (const sent of closes) assert.deepEqual(sent.body, { mStatus: 'CLOSED', closeReason: 'NOTREAL', reasonText: bulkReasonText });
  await waitForGroupCounts(wb, `0 of ${open - n}`, `${closedAbove + n} of ${closed + n}`);
  // The Closed group shows them with their reason, beside the summary and its Undo.
  await wb.setExpanded(wb.topLevelRow('Closed'), true);
  await wb.parkMouse();
  await saveReadmeShot(wb.page, 'bulk-close-undo', topOfWindowClip(viewport.height));

  const reopensFrom = patches(sim).length;
  await undo.click();
  await wb.notificationToasts().filter({ hasText: `Reopened ${n} of ${n} events.` }).waitFor();
  await waitForGroupCounts(wb, `${n} of ${open}`, `${closedAbove} of ${closed}`);
  const reopens = patches(sim).slice(reopensFrom);
  assert.deepEqual(reopens.map((p) => idOf(p.path)).sort(), chosen.map((e) => e.id).sort(), 'Undo reopens exactly the events it closed');
  for (const sent of reopens) assert.deepEqual(sent.body, { mStatus: 'OPEN', closeReason: 'NONE' });
  const now = new Map(sim.events().map((e) => [e.id, e.mStatus]));
  assert.deepEqual(chosen.map((e) => now.get(e.id)), chosen.map(() => 'OPEN'), 'the vault holds every one of them open again');

  await wb.clickViewTitleAction('Clear Filter');
  await expectNoFilterMessage(wb);
  await waitForGroupCounts(wb, String(open), String(closed));
  await wb.setExpanded(wb.topLevelRow('Closed'), false);
  await wb.parkMouse();
}

async function groupCount(wb: Workbench, group: 'Open' | 'Closed'): Promise<number> {
  const description = await wb.rowDescription(wb.topLevelRow(group));
  assert.match(description, /^\d+$/, `the ${group} group should show its count unfiltered, it says "${description}"`);
  return Number(description);
}

function rowAt(wb: Workbench, index: number): Locator {
  return wb.sideBar.locator(`.monaco-list-row[role="treeitem"][data-index="${index}"]`);
}

function idOf(path: string): string {
  return decodeURIComponent(path.split('/').pop() ?? '');
}
