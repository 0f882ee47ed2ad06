// The triage loop from the keyboard in a 300 px sidebar: ten events walked with Down, c and n,
// two of them closed (the selection and the preview moving on each time), Undo with Ctrl+Z,
// and the rows and panel seen in Dark Modern and Dark High Contrast.
import * as assert from 'node:assert/strict';
import { Journey, patches, saveReadmeShot, saveShot, sideBarWidth, topOfWindowClip } from '../journeyContext';
import { eventually, type Workbench } from '../workbench';
import { setTheme } from './detailsSteps';

const narrowWidth = 300;
const loopReasonText = 'Walked through by keyboard';
/** The rows and the top of the preview: the facts of each row and the evidence of the event. */
const loopShotHeight = 760;

export async function walkTenEventsByKeyboard(j: Journey): Promise<void> {
  const { wb, sim } = j;
  await wb.runCommand('View: Close All Editors');
  await wb.runCommand('Notifications: Clear All Notifications');
  await wb.setExpanded(wb.topLevelRow('Closed'), false);
  await wb.setExpanded(wb.topLevelRow('Open'), true);
  await wb.resizeSideBar(narrowWidth);
  const [openBefore, closedBefore] = [await groupCount(wb, 'Open'), await groupCount(wb, 'Closed')];
  const expected = (await wb.childRowLabels(wb.topLevelRow('Open'))).map(rowKey);
  assert.ok(expected.length >= 12, `the walk wants at least 12 open rows on screen, there are ${expected.length}`);
  const patchesBefore = patches(sim).length;

  // From the palette (no row clicked): the first open event is selected, previewed and focused.
  await wb.runCommand('CyberArk PTA: Next Open Event');
  const closed: string[] = [];
  let at = 0;
  for (let visited = 1; visited <= 10; visited++) {
    await expectSelected(wb, expected[at], `event ${visited} of the walk`);
    if (visited === 3 || visited === 6) {
      await closeByKeyboard(wb);
      closed.push(expected[at]);
      expected.splice(at, 1);
      // The next open event is selected and previewed: the closed one did not take the focus to Closed.
      await eventually('the counts after the close', async () => assert.equal(await groupCount(wb, 'Open'), openBefore - closed.length));
      if (visited === 6) await narrowShots(j);
    } else {
      await wb.page.keyboard.press(visited === 8 ? 'n' : 'ArrowDown');
      at++;
    }
  }
  const sent = patches(sim).slice(patchesBefore);
  assert.deepEqual(sent.map((p) => p.body), closed.map(() => ({ mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: loopReasonText })));
  assert.deepEqual(
    (await wb.childRowLabels(wb.topLevelRow('Open'))).map(rowKey).slice(0, expected.length),
    expected,
    'the open rows keep their order through the closes',
  );

  // `/` opens the text filter directly.
  await wb.page.keyboard.press('/');
  await wb.waitForQuickInput('Filter by text');
  await wb.page.keyboard.press('Escape');
  await wb.waitForQuickInputClosed();

  // Ctrl+Z in the view: Undo Last Triage reopens the second close; the first is reopened with `r`.
  await focusSelectedRow(wb);
  await wb.page.keyboard.press('ControlOrMeta+z');
  await eventually('Undo to reopen the last close', async () => assert.equal(await groupCount(wb, 'Open'), openBefore - 1));
  await wb.setExpanded(wb.topLevelRow('Closed'), true);
  const firstClosed = wb.sideBar.locator('.monaco-list-row[role="treeitem"][aria-level="2"]').filter({ hasText: /Handled/ }).first();
  await firstClosed.locator('.label-name').click();
  // The key acts on the selection once it is known to be a closed event: its preview says so.
  await wb.webviewFrame('#root[data-status="CLOSED"]');
  await wb.page.keyboard.press('r');
  await eventually('r to reopen it', async () => {
    assert.equal(await groupCount(wb, 'Open'), openBefore);
    assert.equal(await groupCount(wb, 'Closed'), closedBefore);
  });
  await wb.setExpanded(wb.topLevelRow('Closed'), false);
  await wb.resizeSideBar(sideBarWidth);
  await wb.parkMouse();
}

/** `c` on the selected open event: Enter keeps Handled, a text, Enter sends. */
async function closeByKeyboard(wb: Workbench): Promise<void> {
  await wb.page.keyboard.press('c');
  await waitForQuickInputEnding(wb, '(1/2): reason');
  await wb.page.keyboard.press('Enter');
  await waitForQuickInputEnding(wb, '(2/2): text');
  await wb.page.keyboard.type(loopReasonText);
  await wb.page.keyboard.press('Enter');
  await wb.waitForQuickInputClosed();
}

/** The walk at 300 px, then at 400 px, in Dark Modern and Dark High Contrast: the rows lead with facts. */
async function narrowShots(j: Journey): Promise<void> {
  const { wb } = j;
  await wb.parkMouse();
  await expectFactsVisible(wb);
  await saveReadmeShot(wb.page, 'triage-loop-300', topOfWindowClip(loopShotHeight));
  await setTheme(j, 'Dark High Contrast', 'vscode-high-contrast');
  await wb.parkMouse();
  await saveReadmeShot(wb.page, 'triage-loop-300-high-contrast', topOfWindowClip(loopShotHeight));
  await setTheme(j, 'Dark Modern', 'vscode-dark');
  await wb.resizeSideBar(400);
  await expectFactsVisible(wb);
  await wb.parkMouse();
  await saveShot(wb.page, 'loop-400-dark');
  await wb.resizeSideBar(narrowWidth);
  await focusSelectedRow(wb);
}

/** The selected row's description (whom and where) starts inside the sidebar: the hints never push it out. */
async function expectFactsVisible(wb: Workbench): Promise<void> {
  const row = wb.sideBar.locator('.monaco-list-row[role="treeitem"][aria-selected="true"]');
  const [rowBox, description] = [await row.boundingBox(), await row.locator('.label-description').boundingBox()];
  assert.ok(rowBox && description, 'the selected row and its description are drawn');
  assert.ok(description.x < rowBox.x + rowBox.width - 40, `the description starts at ${description.x}, the row ends at ${rowBox.x + rowBox.width}`);
  const text = ((await row.locator('.label-description').textContent()) ?? '').trim();
  assert.doesNotMatch(text, /^(matched|seen)/, `the facts lead the description: "${text}"`);
}

async function expectSelected(wb: Workbench, key: string, what: string): Promise<void> {
  const selected = wb.sideBar.locator('.monaco-list-row[role="treeitem"][aria-selected="true"]');
  await eventually(`${what} to be selected`, async () => {
    const labels = await selected.evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
    assert.deepEqual(labels.map(rowKey), [key]);
  });
  const type = key.split(',')[0];
  await eventually(`${what} to be previewed`, async () => {
    const tabs = await wb.editorTabs().allInnerTexts();
    assert.equal(tabs.length, 1, `tabs: ${JSON.stringify(tabs)}`);
    assert.ok(tabs[0].startsWith(`${type} · `), `the preview tab "${tabs[0]}" should show ${type}`);
  });
  assert.ok(await wb.focusIsInTree(), `the focus should be in the tree on ${what}`);
}

async function focusSelectedRow(wb: Workbench): Promise<void> {
  if (await wb.focusIsInTree()) return;
  await wb.sideBar.locator('.monaco-list-row[role="treeitem"][aria-selected="true"] .label-name').click();
}

async function waitForQuickInputEnding(wb: Workbench, ending: string): Promise<void> {
  await wb.quickInput.waitFor({ state: 'visible' });
  await eventually(`a quick input titled "… ${ending}"`, async () => {
    const title = ((await wb.quickInputTitle().textContent()) ?? '').trim();
    assert.ok(title.endsWith(ending), `its title is "${title}"`);
  });
}

/** A row's type and score (its aria label up to the age, which ticks). */
function rowKey(label: string): string {
  return label.split(', updated ')[0];
}

async function groupCount(wb: Workbench, group: 'Open' | 'Closed'): Promise<number> {
  return Number((await wb.rowDescription(wb.topLevelRow(group))).replace(/,/g, '').split(' ')[0]);
}
