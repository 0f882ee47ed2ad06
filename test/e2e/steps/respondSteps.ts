// Responding to a PSM event from its details panel: Behind this event, terminate, change, suspend,
// then Close Event… with the text of what was done prefilled.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { assertText, eventsInWindow, Journey, saveReadmeShot, toSubject, topOfWindowClip } from '../journeyContext';
import { eventually } from '../workbench';
import { editorClip, setTheme } from './detailsSteps';

/** An open event of the vault whose PSM session is live, with a row label no other row has. */
function liveSubject({ sim }: Journey) {
  const inWindow = eventsInWindow(sim).map(toSubject);
  const session = sim.respond.data.liveSessions.find((s) => {
    const subject = inWindow.find((e) => e.event.id === s.eventId);
    return subject && subject.event.mStatus === 'OPEN' && inWindow.filter((e) => e.rowLabel === subject.rowLabel).length === 1;
  });
  if (!session) throw new Error('the simulated vault has no open event with a live PSM session and a unique row');
  return inWindow.find((e) => e.event.id === session.eventId)!;
}

const THEMES = [
  { label: 'Light Modern', kind: 'vscode-light', file: 'behind-event-light' },
  { label: 'Dark High Contrast', kind: 'vscode-high-contrast', file: 'behind-event-high-contrast' },
  { label: 'Dark Modern', kind: 'vscode-dark', file: 'behind-event-dark' },
] as const;

export async function respondToPsmEvent(j: Journey): Promise<void> {
  const { wb, sim } = j;
  const subject = liveSubject(j);
  await wb.runCommand('View: Close All Editors');
  await wb.treeRows(subject.rowLabel).locator('.label-name').click();
  const frame = await wb.webviewFrame(`#root[data-event-id="${subject.event.id}"]`);
  const section = frame.locator('section.behind');
  await section.locator('.part-session .behind-session').first().waitFor({ timeout: 20_000 });
  await section.locator('.part-account dl').waitFor();
  await assertText(section.locator('.part-session'), /Live now|live now/);
  await assertText(section.locator('.part-session ol.activities'), /Flagged/);

  for (const theme of THEMES) {
    await setTheme(j, theme.label, theme.kind, frame);
    await section.evaluate((node) => node.scrollIntoView({ block: 'start' }));
    await wb.parkMouse();
    await saveReadmeShot(wb.page, theme.file, await editorClip(wb));
  }

  await act(j, frame, 'terminateSession', 'Terminate PSM Session', /Terminate the PSM session of .+ on .+@.+, from .+, started .+, in vault .+\?/, /Terminated .+: it is no longer live/, true);
  assert.equal(sim.respond.liveSessionOf(subject.event.id), undefined, 'the session is gone from the vault');
  await act(j, frame, 'changeCredentials', 'Change Credentials Now', /Change the credentials of account .+, in vault .+\?/, /(did the credential change of account|credential change of account .+ is queued, not yet done)/);
  await act(j, frame, 'suspendVaultUser', 'Suspend Vault User', /Suspend the vault user .+ in vault .+\?/, /Vault user .+ is suspended/);

  const record = section.locator('.behind-record');
  await eventually('three actions in the record', async () => assert.equal(await record.locator('li').count(), 3));
  await record.evaluate((node) => node.scrollIntoView({ block: 'center' }));
  await wb.parkMouse();
  await saveReadmeShot(wb.page, 'respond-record', await editorClip(wb));

  await frame.locator('button[data-action="close"]').click();
  await eventually('the reason pick with Handled first', async () => {
    const [first] = await wb.quickPickLabels();
    assert.match(first ?? '', /^Handled/);
  });
  await wb.page.keyboard.press('Enter');
  let prefilled = '';
  await eventually('the text prefilled with what was done', async () => {
    prefilled = await wb.quickInputBox().inputValue();
    assert.match(prefilled, /^Terminated .+'s PSM session; credential (changed|change requested); .+ suspended$/);
  });
  assert.ok(prefilled.length <= 100);
  await wb.page.keyboard.press('Enter');
  await eventually('the event closed in the vault with that text', async () => {
    const closed = sim.getEvent(subject.event.id)!;
    assert.equal(String(closed.mStatus).toUpperCase(), 'CLOSED');
    assert.equal(closed.reasonText, prefilled);
  });
}

/** Presses an action's button in the section, answers a session pick with the best match, checks and confirms the modal, and waits for the result. */
async function act({ wb }: Journey, frame: Frame, action: string, confirm: string, question: RegExp, result: RegExp, shoot = false): Promise<void> {
  await frame.locator(`button[data-action="${action}"]`).click();
  const dialog = wb.page.locator('.monaco-dialog-box');
  await eventually('the session pick or the confirmation', async () => {
    if (await dialog.isVisible()) return;
    if (await wb.quickInput.isVisible()) {
      await wb.page.keyboard.press('Enter');
      throw new Error('picked the best match; waiting for the confirmation');
    }
    throw new Error('neither is shown yet');
  });
  await assertText(dialog, question);
  if (shoot) await saveReadmeShot(wb.page, 'respond-confirm', topOfWindowClip(720));
  await dialog.getByRole('button', { name: confirm, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await eventually(`the result of ${confirm}`, async () => assert.ok((await wb.notificationToasts().allInnerTexts()).some((t) => result.test(t)), (await wb.notificationToasts().allInnerTexts()).join(' | ')), 30_000);
}
