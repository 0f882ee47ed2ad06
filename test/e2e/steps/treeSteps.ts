// The Events tree: rows and audits, close and reopen, the score filter, hostile vault strings.
import * as assert from 'node:assert/strict';
import { shortEventType } from '../../../src/model/format';
import { sleep } from '../../host/codeServer';
import { hostileEvents } from '../../support/hostileEvents';
import { assertText, Journey, minScoreFilter, patches, quickInputClip, saveReadmeShot, saveShot, sideBarClip, waitForGroupCounts } from '../journeyContext';
import { escapeRegExp, eventually, Workbench } from '../workbench';

const tooLongReasonText =
  'Investigated with the account owner: the PSM session was an approved emergency change, ' +
  'the ticket is attached and the password was rotated afterwards.';
const reasonText = 'Approved emergency change; password rotated afterwards.';

export async function expandEvent({ wb, subject, expected }: Journey): Promise<void> {
  await waitForGroupCounts(wb, String(expected.open), String(expected.closed));
  const row = wb.treeRows(subject.rowLabel);
  await row.waitFor();
  // The score leads the label, so a narrow side bar cuts the type name, never the score.
  assert.equal(await labelText(row), subject.rowText);
  await wb.setExpanded(row, true);
  await eventually(`the ${subject.audits.length} audit rows of "${subject.title}"`, async () => {
    const auditLabels = await wb.childRowLabels(row);
    assert.equal(auditLabels.length, subject.audits.length, `audit rows: ${JSON.stringify(auditLabels)}`);
    const firstAction = subject.audits[0].action;
    if (typeof firstAction === 'string') {
      assert.ok(auditLabels[0].startsWith(firstAction), `the first audit row "${auditLabels[0]}" should start with "${firstAction}"`);
    }
  });
  await wb.parkMouse();
  await saveReadmeShot(wb.page, 'events-tree', await sideBarClip(wb, wb.topLevelRow('Closed')));
}

/** A PSM event's audit rows say the command that was typed, not only "Command executed". */
export async function showPsmCommand({ wb, subject, psmSubject: psm }: Journey): Promise<void> {
  await wb.setExpanded(wb.treeRows(subject.rowLabel), false);
  const row = wb.treeRows(psm.rowLabel);
  await row.waitFor();
  await wb.setExpanded(row, true);
  const command = String(psm.audits[0].psmCommand);
  const auditRow = wb.sideBar.locator('.monaco-list-row[role="treeitem"][aria-level="3"]').filter({ has: wb.page.locator('.label-name').getByText(command, { exact: true }) });
  await auditRow.first().waitFor();
  assert.match(await wb.rowDescription(auditRow.first()), /\S/, 'the audit row should also say who and where');
  const labels = await wb.childRowLabels(row);
  assert.ok(labels.some((l) => l.startsWith(command)), `no audit row of "${psm.title}" starts with "${command}": ${JSON.stringify(labels)}`);
  await wb.parkMouse();
  await saveShot(wb.page, 'psm-command', await sideBarClip(wb, auditRow.first()));
  await wb.setExpanded(row, false);
}

export async function closeEvent({ wb, sim, subject, expected }: Journey): Promise<void> {
  const closePatchesBefore = patches(sim).length;
  await wb.contextMenuAction(wb.treeRows(subject.rowLabel), 'Close Event…');

  await wb.waitForQuickInput(`Close ${subject.title} (1/2): reason`);
  const reasons = await wb.quickPickLabels();
  assert.ok(reasons.some((r) => r.startsWith('Handled')) && reasons.some((r) => r.startsWith('False positive')), `reasons offered: ${reasons.join(' | ')}`);
  await wb.parkMouse();
  await saveReadmeShot(wb.page, 'close-reason', await quickInputClip(wb));
  await wb.pickQuickItem('Handled');

  await wb.waitForQuickInput(`Close ${subject.title} (2/2): text`);
  await wb.typeIntoQuickInput(tooLongReasonText);
  await assertText(wb.quickInputMessage(), /too long/);
  await wb.page.keyboard.press('Enter');
  // Proving that nothing happens needs a moment of letting it not happen.
  await sleep(700);
  await wb.waitForQuickInput(`Close ${subject.title} (2/2): text`);
  await assertText(wb.quickInputMessage(), /too long/);
  assert.equal(patches(sim).length, closePatchesBefore, 'Enter on a too-long text must not send anything');
  await wb.parkMouse();
  await saveReadmeShot(wb.page, 'close-too-long', await quickInputClip(wb));

  await wb.typeIntoQuickInput(reasonText);
  await assertText(wb.quickInputMessage(), /characters? left/);
  await wb.page.keyboard.press('Enter');
  await wb.waitForQuickInputClosed();

  await waitForGroupCounts(wb, String(expected.open - 1), String(expected.closed + 1));
  const sent = patches(sim).slice(closePatchesBefore);
  assert.equal(sent.length, 1, `exactly one PATCH should have been sent, saw ${sent.length}`);
  assert.match(sent[0].path, new RegExp(`/Events/${subject.event.id}$`, 'i'));
  assert.deepEqual(sent[0].body, { mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText });
  assert.equal(sent[0].status, 200);

  // The selection and the preview move on to the next open event: the closed one does not pull them into Closed.
  await eventually('the preview to move on to another open event', async () => {
    const frame = await wb.webviewFrame('#root[data-status="OPEN"]');
    assert.notEqual(await frame.locator('#root').getAttribute('data-event-id'), subject.event.id);
  });
  const selected = wb.sideBar.locator('.monaco-list-row[role="treeitem"][aria-selected="true"]');
  assert.equal(await selected.getAttribute('aria-level'), '2', 'an event row is selected');
  assert.doesNotMatch((await selected.getAttribute('aria-label')) ?? '', /closed|Handled/i, 'the selected row is an open event');
  await wb.parkMouse();
}

export async function reopenEvent({ wb, sim, subject, expected }: Journey): Promise<void> {
  // Folding Open keeps the Closed group's rows on screen (the list only renders visible rows).
  await wb.setExpanded(wb.topLevelRow('Open'), false);
  await wb.setExpanded(wb.topLevelRow('Closed'), true);
  const closedRow = wb.treeRows(subject.rowLabel);
  await closedRow.waitFor();
  // A closed event says why in its row, and its icon no longer signals risk.
  assert.match(await wb.rowDescription(closedRow), /^Handled · /);
  assert.equal(await closedRow.locator('.codicon-flame').count(), 0, 'a closed event should not show the high-risk flame');
  // Its panel says why it was closed.
  await closedRow.locator('.label-name').click();
  const closedFrame = await wb.webviewFrame(`#root[data-event-id="${subject.event.id}"][data-status="CLOSED"]`);
  await assertText(closedFrame.locator('.badges'), /Closed/);
  await assertText(closedFrame.locator('section.closed'), new RegExp(`Reason\\s*Handled\\s*Text\\s*${escapeRegExp(reasonText)}`));
  const patchesBefore = patches(sim).length;
  await wb.contextMenuAction(closedRow, 'Reopen Event');

  await waitForGroupCounts(wb, String(expected.open), String(expected.closed));
  const sent = patches(sim).slice(patchesBefore);
  assert.equal(sent.length, 1, `exactly one PATCH should reopen the event, saw ${sent.length}`);
  assert.deepEqual(sent[0].body, { mStatus: 'OPEN', closeReason: 'NONE' });

  await wb.setExpanded(wb.topLevelRow('Closed'), false);
  await wb.setExpanded(wb.topLevelRow('Open'), true);
  await wb.treeRows(subject.rowLabel).waitFor();
  const frame = await wb.webviewFrame(`#root[data-event-id="${subject.event.id}"][data-status="OPEN"]`);
  await assertText(frame.locator('.badges'), /Open/);
  await wb.parkMouse();
}

export async function filterByScore({ wb, page, expected }: Journey): Promise<void> {
  await filterByMinimumScore(wb, minScoreFilter);
  await waitForGroupCounts(wb, `${expected.openAbove} of ${expected.open}`, `${expected.closedAbove} of ${expected.closed}`);
  const eventLabels = await wb.childRowLabels(wb.topLevelRow('Open'));
  assert.equal(eventLabels.length, expected.openAbove, `open rows shown: ${JSON.stringify(eventLabels)}`);
  for (const label of eventLabels) {
    const score = Number(/, score ([\d.]+),/.exec(label)?.[1]);
    assert.ok(score >= minScoreFilter, `"${label}" should not pass a minimum score of ${minScoreFilter}`);
  }
  await wb.parkMouse();
  await saveReadmeShot(page, 'filtered', await sideBarClip(wb, wb.topLevelRow('Closed')));
  await saveShot(page, 'filter-applied');

  await wb.runCommand('CyberArk PTA: Clear Filter');
  await waitForGroupCounts(wb, String(expected.open), String(expected.closed));
  await expectNoFilterMessage(wb);
  await wb.parkMouse();
}

export async function showHostileEvents({ wb, sim, dialogsSeen }: Journey): Promise<void> {
  const [imgType, linkType] = ['<img src=x onerror=alert(1)>', '[click](command:workbench.action.terminal.new)'];
  const hostile = hostileEvents(Date.now()).filter((e) => e.type === imgType || e.type === linkType);
  for (const event of hostile) sim.upsertEvent({ ...event, mStatus: 'OPEN', score: event.type === linkType ? 96 : 50 });
  await wb.clickViewTitleAction('Refresh');

  // The alert names the new high-risk event; its text must not become a link.
  const toast = wb.notificationToasts().filter({ hasText: '1 new high-risk event' });
  await assertText(toast, new RegExp(escapeRegExp('1 new high-risk event: [click] (command:workbench.action.terminal.new) (96)')));
  assert.equal(await toast.locator('.notification-list-item-message a').count(), 0, 'the alert\'s message holds a link');

  const imgRow = wb.treeRows(imgType);
  await imgRow.waitFor();
  // An unknown type is cut short in the row (whole in its tooltip and panel).
  assert.equal(await labelText(imgRow), `50 · ${shortEventType(imgType)}`);
  assert.equal(await imgRow.locator('img').count(), 0, 'the tree row holds an injected image');
  const linkRow = wb.treeRows(linkType);
  assert.equal(await labelText(linkRow), `96 · ${shortEventType(linkType)}`);

  const event = hostile.find((e) => e.type === imgType)!;
  await wb.clickUntil(
    'the preview panel to show the hostile event',
    () => imgRow.locator('.label-name').click(),
    async () => assert.match(await wb.page.locator('.editor-group-container.active .tab.active .label-name').first().innerText(), new RegExp(`^${escapeRegExp(imgType)} · `)),
  );
  const frame = await wb.webviewFrame(`#root[data-event-id="${event.id}"]`);
  await assertText(frame.locator('#root h1'), new RegExp(`^${escapeRegExp(imgType)} · `));
  // The page's own drawings (the timeline's axes) are its only svg, and hold only shapes and text.
  const injected = await frame.locator('#root').evaluate(
    (root) =>
      root.querySelectorAll(
        'img, svg:not(.axis-drawing), svg.axis-drawing :not(line, circle, text, title), iframe, script, style, link, meta, base, a[href], [onerror], [onload], [onmouseover], [onfocus]',
      ).length,
  );
  assert.equal(injected, 0, 'elements from vault strings were created in the details page');
  const shown = (await frame.locator('#root').innerText()).replace(/\s+/g, ' ');
  for (const payload of ['</script><script>alert(1)</script>', '<meta http-equiv="Content-Security-Policy" content="default-src *">', '[click](command:workbench.action.terminal.new)', '$(alert) $(zap) $(sync~spin) $(codicon)', '{{7*7}} <%= 7*7 %> #{7*7}', 'invoice<U+202E>fdp.exe']) {
    assert.ok(shown.includes(payload), `the details page does not show ${payload} literally`);
  }
  await sleep(500);
  assert.deepEqual(dialogsSeen, [], 'a vault string opened a dialog');
  await wb.parkMouse();
}

/** Filter Events… in the view's title, Minimum score…; the view names the filter. */
export async function filterByMinimumScore(wb: Workbench, score: number): Promise<void> {
  await wb.clickViewTitleAction('Filter Events…');
  await wb.waitForQuickInput('Filter PTA Events');
  await wb.pickQuickItem('Minimum score…');
  await wb.waitForQuickInput('Minimum score');
  await wb.typeIntoQuickInput(String(score));
  await wb.page.keyboard.press('Enter');
  await wb.waitForQuickInputClosed();
  await assertText(wb.viewMessage(), new RegExp(`Filtered: score ≥ ${score}`));
}

export async function expectNoFilterMessage(wb: Workbench): Promise<void> {
  await eventually('the filter message to go', async () => {
    const message = ((await wb.viewMessage().textContent()) ?? '').trim();
    assert.ok(!message.includes('Filtered'), `the view message still says "${message}"`);
  });
}

/** The visible label of a row (its score and type). */
export async function labelText(row: import('playwright-core').Locator): Promise<string> {
  return ((await row.locator('.label-name').innerText()) ?? '').trim();
}
