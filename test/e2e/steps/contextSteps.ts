// The context around an event in its details panel: how its look-alikes were closed (and
// Close the Same Way), its entities as a filter of the Events view, and the timelines.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { assertText, Journey, patches, quickInputClip, saveReadmeShot, saveShot, viewport, waitForGroupCounts } from '../journeyContext';
import { escapeRegExp, eventually } from '../workbench';
import { expectNoFilterMessage } from './treeSteps';

const ENTITY_WORDS = { account: 'account', user: 'vault user', host: 'host' } as const;
const KIND_NAMES = { account: 'Account', user: 'Vault user', host: 'Host' } as const;

/**
 * Opens an open event with closed look-alikes: the sentence at the top says how they were closed;
 * a click on one of its entities filters the Events view (cleared again); Timeline beside it draws
 * that entity's events. The panel is saved for the README.
 */
export async function investigateInContext(j: Journey): Promise<void> {
  // The earlier steps leave every event as they found it: the counts are those of the sign-in.
  const { wb, contextSubject: subject, expected } = j;
  await wb.runCommand('View: Close All Editors');
  const row = wb.treeRows(subject.rowLabel);
  // A row with look-alikes says so while the analyst scans the list.
  assert.match(await wb.rowDescription(row), new RegExp(` · seen ${subject.lookAlikes}× before$`));
  await row.locator('.label-name').click();
  const frame = await wb.webviewFrame(`#root[data-event-id="${subject.event.id}"]`);
  const root = frame.locator('#root');
  // Evidence first: the summary and the audits, then how the look-alikes were closed, then the context.
  await assertText(root.locator('section.memory .memory-sentence'), memorySentence(subject));
  const order = await root.locator(':scope > section, :scope > details').evaluateAll((nodes) => nodes.map((n) => n.classList[0]));
  assert.deepEqual(
    order.filter((name) => ['summary', 'audits', 'memory', 'entities', 'related', 'timeline', 'raw'].includes(name)),
    ['summary', 'audits', 'memory', 'entities', 'related', 'timeline', 'raw'],
    'the panel reads evidence first, context after, timelines and raw JSON last',
  );
  assert.equal(await root.locator('details.raw').getAttribute('open'), null, 'the raw JSON is folded');
  await root.getByRole('button', { name: 'Close the Same Way…' }).waitFor();

  const { entity } = subject;
  const entityItem = root.locator('section.entities li.entity').filter({ has: frame.locator('button.entity-label').getByText(entity.label, { exact: true }) });
  // "Other loaded events": every loaded event involving it but this one.
  await assertText(entityItem.locator('.entity-stats'), otherEvents(entity.open - 1, entity.closed));
  await assertText(root.locator('section.related h2'), /^Related events \(\d+\)$/);

  await entityItem.locator('button.entity-label').click();
  await assertText(wb.viewMessage(), new RegExp(`Filtered: ${ENTITY_WORDS[entity.kind]} ${escapeRegExp(entity.label)}\\.`));
  await waitForGroupCounts(wb, shownOf(entity.open, expected.open), shownOf(entity.closed, expected.closed));
  await wb.clickViewTitleAction('Clear Filter');
  await expectNoFilterMessage(wb);
  await waitForGroupCounts(wb, String(expected.open), String(expected.closed));

  await entityItem.getByRole('button', { name: 'Timeline', exact: true }).click();
  // The timeline is folded; asking for an entity's unfolds it and scrolls it into sight.
  const entityTimeline = root.locator('details.timeline .entity-timeline');
  const total = entity.open + entity.closed;
  await assertText(entityTimeline.locator('h3'), new RegExp(`^${KIND_NAMES[entity.kind]} ${escapeRegExp(entity.label)}: ${total} loaded events?$`));
  assert.equal(await entityTimeline.locator('svg circle.event-mark').count(), total, 'one mark per loaded event of the entity');
  assert.equal(await entityTimeline.locator('svg circle.event-mark.subject').count(), 1, 'this event is ringed on the entity timeline');
  assert.ok((await root.locator('details.timeline svg circle.audit-mark').count()) > 0, "the event's audits are on the timeline");
  await eventually('the entity timeline to be scrolled into sight', async () => {
    const inSight = await entityTimeline.evaluate((node) => {
      const box = node.getBoundingClientRect();
      return box.top < window.innerHeight && box.bottom > 0;
    });
    assert.ok(inSight, 'the entity timeline is on screen');
  });
  await saveContextShot(j, frame);
}

/** Close the Same Way from the panel: the reason chosen, the earlier text offered; Enter sends exactly that. */
export async function closeTheSameWay({ wb, sim, contextSubject: subject, expected }: Journey): Promise<void> {
  const frame = await wb.webviewFrame(`#root[data-event-id="${subject.event.id}"][data-status="OPEN"]`);
  const patchesBefore = patches(sim).length;
  await frame.locator('#root').getByRole('button', { name: 'Close the Same Way…' }).click();

  // The reason step comes first, the look-alikes' reason chosen: Enter keeps it; then the text, prefilled.
  await wb.waitForQuickInput(`Close ${subject.title} (1/2): reason`);
  await eventually('the look-alikes\' reason to be the chosen one', async () =>
    assert.match((await wb.page.locator('.quick-input-widget .monaco-list-row.focused').innerText()).trim(), new RegExp(`^${escapeRegExp(subject.reasonWords)}`)),
  );
  assert.equal(patches(sim).length, patchesBefore, 'nothing may be sent before the reason is confirmed');
  await wb.page.keyboard.press('Enter');
  await wb.waitForQuickInput(`Close ${subject.title} (2/2): text`);
  await eventually('the earlier text in the input box', async () => assert.equal(await wb.quickInputBox().inputValue(), subject.text));
  assert.equal(patches(sim).length, patchesBefore, 'nothing may be sent before the text is confirmed');
  await wb.parkMouse();
  await saveShot(wb.page, 'close-same-way-prefilled', await quickInputClip(wb));
  await wb.page.keyboard.press('Enter');
  await wb.waitForQuickInputClosed();

  await eventually('the close to reach the vault', async () => assert.equal(patches(sim).length, patchesBefore + 1));
  const [sent] = patches(sim).slice(patchesBefore);
  assert.match(sent.path, new RegExp(`/Events/${subject.event.id}$`, 'i'));
  assert.deepEqual(sent.body, { mStatus: 'CLOSED', closeReason: subject.reason, reasonText: subject.text });
  assert.equal(sent.status, 200);
  await waitForGroupCounts(wb, String(expected.open - 1), String(expected.closed + 1));
  // Its row moved to Closed and says why; Open folded keeps the Closed rows on screen.
  // The preview moved on to the next open event; the closed one is in Closed, with its reason.
  await eventually('the preview to move on to another open event', async () => {
    const moved = await wb.webviewFrame('#root[data-status="OPEN"]');
    assert.notEqual(await moved.locator('#root').getAttribute('data-event-id'), subject.event.id);
  });
  await wb.setExpanded(wb.topLevelRow('Open'), false);
  await wb.setExpanded(wb.topLevelRow('Closed'), true);
  const closedRow = wb.treeRows(subject.rowLabel);
  assert.match(await wb.rowDescription(closedRow), new RegExp(`^${escapeRegExp(subject.reasonWords)} · `));
  await closedRow.locator('.label-name').click();
  const closedFrame = await wb.webviewFrame(`#root[data-event-id="${subject.event.id}"][data-status="CLOSED"]`);
  await assertText(closedFrame.locator('section.closed'), new RegExp(`Reason\\s*${escapeRegExp(subject.reasonWords)}\\s*Text\\s*${escapeRegExp(subject.text)}`));
  assert.equal(await closedFrame.locator('section.memory').count(), 0, 'a closed event has no memory sentence');
  await wb.setExpanded(wb.topLevelRow('Closed'), false);
  await wb.setExpanded(wb.topLevelRow('Open'), true);
  await wb.parkMouse();
}

function memorySentence(subject: Journey['contextSubject']): RegExp {
  const times = subject.lookAlikes === 1 ? 'once' : `${subject.lookAlikes} times`;
  const when = subject.lookAlikes === 1 ? '' : 'last ';
  return new RegExp(`^Closed ${times} before as ${escapeRegExp(subject.reasonWords)}: '${escapeRegExp(subject.text)}' \\(${when}(\\d+ (min|h|d) ago|just now)\\)$`);
}

/** As the Entities section words them: "Other loaded events: 2 open (highest 87.5), 3 closed". */
function otherEvents(open: number, closed: number): RegExp {
  const parts = [open > 0 ? `${open} open \\(highest [\\d.]+\\)` : '', closed > 0 ? `${closed} closed` : ''].filter(Boolean);
  return new RegExp(`^Other loaded events: ${parts.length > 0 ? parts.join(', ') : 'no other loaded event'}\\b`);
}

function shownOf(n: number, total: number): string {
  return n === total ? String(total) : `${n} of ${total}`;
}


/**
 * The panel from its heading down to the end of its timeline, in a window made tall enough for
 * it (then made as it was): the memory sentence, entities, related events and both timelines in one picture.
 */
async function saveContextShot({ wb, page }: Journey, frame: Frame): Promise<void> {
  await frame.locator('#root').evaluate(() => window.scrollTo(0, 0));
  await wb.parkMouse();
  // Boxes of elements in a webview are in the window's coordinates, below its bottom too.
  const timelineBottom = async () => {
    const box = await frame.locator('details.timeline').boundingBox();
    if (!box) throw new Error('the timeline is not shown');
    return Math.ceil(box.y + box.height + 24);
  };
  const bottom = await timelineBottom();
  try {
    // The status bar and the panel's padding below the picture.
    if (bottom + 48 > viewport.height) await page.setViewportSize({ width: viewport.width, height: bottom + 48 });
    const editor = await page.locator('.part.editor').boundingBox();
    await eventually('the panel to be laid out in the taller window', async () => {
      const box = await page.locator('.part.editor').boundingBox();
      assert.ok(box && box.y + box.height >= (await timelineBottom()), 'the editor area does not reach the end of the timeline yet');
    });
    await saveReadmeShot(page, 'event-context', { x: editor!.x, y: editor!.y, width: editor!.width, height: (await timelineBottom()) - editor!.y });
  } finally {
    await page.setViewportSize(viewport);
  }
}
