// Events from a file, no vault needed: a saved API answer opened in the editor, shown in the tree
// beside the vaults, and explained on hover.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { formatTime } from '../../../src/model/format';
import { generateEvents } from '../../simulator/data';
import { assertText, Journey, saveReadmeShot, topOfWindowClip, viewport } from '../journeyContext';
import { escapeRegExp, eventually, type Workbench } from '../workbench';

const FILE_NAME = 'saved-answer.pta.json';
const VAULTS = ['127.0.0.1', 'DR site'];

/**
 * A recorded API answer ([{"status_code": 200, "json_body": [...]}]) saved in the workspace, opened
 * from Quick Open, and shown in the tree with Open Events from File… in the editor's title: its
 * node is named after the file, with its counts and rows, below the vaults. A hover over an event's
 * createTime gives its date. Close Source removes the node again.
 */
export async function openEventsFromFile(j: Journey): Promise<void> {
  const { wb, workspaceFolder } = j;
  const events = generateEvents({ count: 12, seed: 31, now: Date.now(), hostileShare: 0 });
  const [first] = events;
  assert.equal(typeof first.createTime, 'number', 'the first event of the file should have a createTime to hover over');
  fs.writeFileSync(path.join(workspaceFolder, FILE_NAME), `${JSON.stringify([{ status_code: 200, json_body: events }], null, 2)}\n`);
  const open = events.filter((e) => e.mStatus === 'OPEN').length;
  const closed = events.length - open;

  await wb.runCommand('View: Close All Editors');
  await openFromQuickOpen(wb, FILE_NAME);
  await wb.page.locator('.part.editor .editor-group-container.active a.action-label[aria-label="Open Events from File…"]').click();

  const fileRow = wb.topLevelRow(FILE_NAME);
  await eventually(`the ${FILE_NAME} node to say ${open} open`, async () => assert.match(await wb.rowDescription(fileRow), new RegExp(`^${open} open · read `)));
  // The vaults stay as they were, above it; folded, they leave the file's rows on screen.
  for (const vault of VAULTS) await wb.setExpanded(wb.topLevelRow(vault), false);
  const [openGroup, closedGroup] = ['Open', 'Closed'].map((group) => groupRow(wb, group));
  await eventually(`the file's groups to say Open ${open} and Closed ${closed}`, async () => {
    assert.deepEqual([await wb.rowDescription(openGroup), await wb.rowDescription(closedGroup)], [String(open), String(closed)]);
  });
  await wb.setExpanded(openGroup, true);
  const rows = await wb.childRowLabels(openGroup);
  assert.equal(rows.length, open, `open rows of the file: ${JSON.stringify(rows)}`);

  const hover = await hoverOverText(wb, String(first.createTime));
  await assertText(hover, new RegExp(`Created: ${escapeRegExp(formatTime(first.createTime as number))}, (\\d+ (min|h|d) ago|just now)`));
  await saveReadmeShot(wb.page, 'events-from-file', topOfWindowClip(Math.min(viewport.height, 720)));

  await wb.parkMouse();
  await wb.contextMenuAction(fileRow, 'Close Source');
  await fileRow.waitFor({ state: 'detached' });
  for (const vault of VAULTS) await wb.topLevelRow(vault).waitFor();
}

/** Quick Open (the palette without its ">"), the file's name, Enter. */
async function openFromQuickOpen(wb: Workbench, fileName: string): Promise<void> {
  await wb.page.keyboard.press('F1');
  await wb.quickInputBox().waitFor();
  await wb.quickInputBox().fill(fileName);
  await wb.quickInput.getByRole('option', { name: new RegExp(`^${escapeRegExp(fileName)}`) }).first().click();
  await wb.waitForQuickInputClosed();
  await wb.page.locator('.part.editor .tab.active', { hasText: fileName }).waitFor();
}

/** A group row one level below a source's node: the file's, once the vaults are folded. */
function groupRow(wb: Workbench, label: string): Locator {
  return wb.sideBar.locator('.monaco-list-row[role="treeitem"][aria-level="2"]').filter({ has: wb.page.locator('.label-name').getByText(label, { exact: true }) });
}

/** Moves the mouse over the topmost place the editor shows `text` and waits for the hover. */
async function hoverOverText(wb: Workbench, text: string): Promise<Locator> {
  const token = wb.page.locator('.part.editor .monaco-editor .view-lines span span').getByText(text, { exact: true });
  await token.first().waitFor();
  const boxes = await token.evaluateAll((all) => all.map((element) => element.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
  const top = boxes.sort((a, b) => a.y - b.y)[0];
  await wb.page.mouse.move(top.x + top.width / 2, top.y + top.height / 2);
  const hover = wb.page.locator('.monaco-editor .monaco-hover').filter({ hasText: 'Created:' });
  await hover.waitFor();
  return hover;
}
