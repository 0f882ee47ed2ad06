// The details panel: its content, the one reused preview panel, and every theme kind.
import * as assert from 'node:assert/strict';
import type { Frame, Locator } from 'playwright-core';
import { formatScore } from '../../../src/model/format';
import { assertText, type Clip, Journey, saveReadmeShot, saveShot, topOfWindowClip } from '../journeyContext';
import { escapeRegExp, eventually, type Workbench } from '../workbench';

export async function openDetails({ wb, subject }: Journey): Promise<void> {
  await wb.treeRows(subject.rowLabel).locator('.label-name').click();
  const frame = await wb.webviewFrame(`#root[data-event-id="${subject.event.id}"]`);
  const root = frame.locator('#root');
  await assertText(root.locator('h1'), new RegExp(`^${escapeRegExp(subject.title)}$`));
  await assertText(root.locator('.badges'), new RegExp(`Score ${escapeRegExp(formatScore(Number(subject.event.score)))} · high risk`));
  const summary = root.locator('section').filter({ has: frame.locator('h2', { hasText: /^Summary$/ }) });
  await assertText(summary, new RegExp(`Event ID\\s*${subject.event.id}`));
  await assertText(summary, new RegExp(`Audits\\s*${subject.audits.length}`));
  // The raw JSON is folded below the evidence; its heading unfolds it.
  assert.equal(await root.locator('details.raw').getAttribute('open'), null, 'the raw JSON starts folded');
  await root.locator('details.raw > summary').click();
  await assertText(root.locator('pre.json'), new RegExp(`"id": "${subject.event.id}"`));
  await assertText(wb.page.locator('.tabs-container .tab.active'), new RegExp(escapeRegExp(subject.title)));
  await wb.parkMouse();
  await saveReadmeShot(wb.page, 'event-details', topOfWindowClip(620));
}

/**
 * Single clicks preview in one reused panel and leave the keyboard in the tree: three clicks, one
 * tab; Down moves the selection and the preview follows; Enter pins, so the next click opens a
 * second tab.
 */
export async function previewKeepsFocusInTree({ wb, previewSubjects }: Journey): Promise<void> {
  await wb.runCommand('View: Close All Editors');
  await eventually('no editor tabs', async () => assert.equal(await wb.editorTabs().count(), 0));

  for (const subject of previewSubjects) {
    await wb.treeRows(subject.rowLabel).locator('.label-name').click();
    await wb.webviewFrame(`#root[data-event-id="${subject.event.id}"]`);
    await assertText(wb.editorTabs().filter({ hasText: subject.title }), new RegExp(escapeRegExp(subject.title)));
    assert.equal(await wb.editorTabs().count(), 1, `after a single click on "${subject.title}" there should be one tab`);
    assert.ok(await wb.focusIsInTree(), `the focus should stay in the tree after a single click on "${subject.title}"`);
  }

  // Down moves the selection, not only the focus, so the preview follows without a click.
  const last = wb.treeRows(previewSubjects[previewSubjects.length - 1].rowLabel);
  const next = await nextRow(wb, last);
  const nextType = ((await next.getAttribute('aria-label')) ?? '').split(',')[0];
  await wb.page.keyboard.press('ArrowDown');
  await eventually('the selection to move down', async () => assert.equal(await next.getAttribute('aria-selected'), 'true'));
  assert.equal(await next.getAttribute('aria-expanded'), 'false', 'moving onto an event should not expand it');
  await eventually('the preview to follow the selection', async () => {
    const tabs = await wb.editorTabs().allInnerTexts();
    assert.equal(tabs.length, 1, `tabs: ${JSON.stringify(tabs)}`);
    assert.ok(tabs[0].startsWith(`${nextType} · `), `the preview tab "${tabs[0]}" should show the next row's event (${nextType})`);
  });
  assert.ok(await wb.focusIsInTree(), 'the focus should stay in the tree after the Down arrow');

  await wb.page.keyboard.press('Enter');
  await eventually('Enter to pin the panel and focus it', async () => assert.ok(!(await wb.focusIsInTree()), 'the focus is still in the tree'));
  const first = previewSubjects[0];
  await wb.treeRows(first.rowLabel).locator('.label-name').click();
  await eventually('a pinned tab and a preview tab', async () => {
    const tabs = await wb.editorTabs().allInnerTexts();
    assert.equal(tabs.length, 2, `tabs: ${JSON.stringify(tabs)}`);
    assert.ok(tabs.some((t) => t.startsWith(`${nextType} · `)) && tabs.some((t) => t.includes(first.title)), `tabs: ${JSON.stringify(tabs)}`);
  });
  await wb.parkMouse();
}

/** The row below `row` on screen (rows are positioned, so DOM order is not screen order). */
async function nextRow(wb: Workbench, row: Locator): Promise<Locator> {
  return wb.sideBar.locator(`.monaco-list-row[role="treeitem"][data-index="${Number(await row.getAttribute('data-index')) + 1}"]`);
}

/**
 * The four theme kinds: VS Code's built-in themes (their setting value in the comment; the
 * picker lists them by label) and the kind each gives a webview's body.
 */
const THEMES = [
  { label: 'Light Modern', kind: 'vscode-light', file: 'light' }, // Default Light Modern
  { label: 'Dark Modern', kind: 'vscode-dark', file: 'dark' }, // Default Dark Modern
  { label: 'Dark High Contrast', kind: 'vscode-high-contrast', file: 'high-contrast' }, // Default High Contrast
  { label: 'Light High Contrast', kind: 'vscode-high-contrast-light', file: 'high-contrast-light' }, // Default High Contrast Light
] as const;

/** The details page in every theme kind: the top and the raw JSON block, saved for a person to look at. */
export async function detailsInEveryTheme(j: Journey): Promise<void> {
  const { wb, psmSubject: shown } = j;
  await wb.runCommand('View: Close All Editors');
  // A PSM event shows the most: audits with commands, hosts, the raw JSON.
  await wb.treeRows(shown.rowLabel).locator('.label-name').click();
  const frame = await wb.webviewFrame(`#root[data-event-id="${shown.event.id}"]`);
  await frame.locator('details.raw > summary').click();
  try {
    for (const theme of THEMES) {
      await setTheme(j, theme.label, theme.kind, frame);
      await frame.locator('#root').evaluate(() => window.scrollTo(0, 0));
      await wb.parkMouse();
      await saveShot(wb.page, `details-${theme.file}-top`, await editorClip(wb));
      if (theme.file === 'high-contrast') await saveReadmeShot(wb.page, 'event-details-high-contrast', topOfWindowClip(620));
      await frame.locator('pre.json').evaluate((pre) => pre.scrollIntoView({ block: 'start' }));
      await saveShot(wb.page, `details-${theme.file}-json`, await editorClip(wb));
    }
  } finally {
    await setTheme(j, 'Dark Modern', 'vscode-dark', frame).catch(() => undefined);
  }
}

/** Picks the theme (by its label in the picker) from the palette and waits until the workbench and, when given, a webview have switched. */
export async function setTheme({ wb }: Journey, label: string, kind: string, frame?: Frame): Promise<void> {
  await wb.selectColorTheme(label);
  const workbenchClass = { 'vscode-light': 'vs', 'vscode-dark': 'vs-dark', 'vscode-high-contrast': 'hc-black', 'vscode-high-contrast-light': 'hc-light' }[kind];
  await eventually(`the workbench in ${label}`, async () => {
    assert.ok(await wb.page.locator(`.monaco-workbench.${workbenchClass}`).count(), 'the workbench has not switched yet');
    if (frame) assert.equal(await frame.locator('body').getAttribute('data-vscode-theme-kind'), kind);
  });
}

export async function editorClip(wb: Workbench): Promise<Clip> {
  const box = await wb.page.locator('.part.editor').boundingBox();
  if (!box) throw new Error('the editor area is not shown');
  return box;
}
