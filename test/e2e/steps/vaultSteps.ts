// Several vaults side by side: two simulators with different data in cyberarkPta.vaults.
import * as assert from 'node:assert/strict';
import { formatCount } from '../../../src/model/format';
import type { Locator } from 'playwright-core';
import { DEMO_PASSWORD, DEMO_USERNAME, type PvwaSimulator } from '../../simulator/server';
import { assertText, eventsInWindow, Journey, saveReadmeShot, sideBarClip } from '../journeyContext';
import { escapeRegExp, eventually, type Workbench } from '../workbench';
import { waitForPasswordBox } from './sessionSteps';

/** The DR vault's own password: signing in to one vault must never send the other's. */
export const DR_PASSWORD = 'Dr-site-only-Passw0rd';

/** The single vault of the earlier steps keeps its name (its host) when it joins the list. */
const FIRST = '127.0.0.1';
const DR = 'DR site';

/**
 * A second vault added with Add Vault… (the first one joins cyberarkPta.vaults), both signed in
 * through the palette (All Vaults, then each password) and listed side by side with their counts.
 */
export async function signInToSeveralVaults(j: Journey): Promise<void> {
  const { wb, sim, drSim, settings } = j;
  await addVault(wb, DR, drSim.appUrl);
  await assertText(wb.notificationToasts().filter({ hasText: 'is now in cyberarkPta.vaults' }), new RegExp(`Your vault ${escapeRegExp(FIRST)} is now in cyberarkPta.vaults beside ${escapeRegExp(DR)}\\.`));
  await eventually('both vaults in the user settings', async () => {
    const vaults = settings.read()['cyberarkPta.vaults'] as Array<Record<string, unknown>> | undefined;
    assert.deepEqual(
      vaults?.map((v) => [v.name, v.url, v.username, v.authMethod]),
      [
        [FIRST, sim.appUrl, DEMO_USERNAME, 'CyberArk'],
        [DR, drSim.appUrl, DEMO_USERNAME, 'CyberArk'],
      ],
    );
  });
  await wb.topLevelRow(FIRST).waitFor();
  await wb.topLevelRow(DR).waitFor();
  for (const name of [FIRST, DR]) assert.match(await wb.rowDescription(wb.topLevelRow(name)), /signed out/);

  const logonsBefore = { production: logons(sim).length, dr: logons(drSim).length };
  await wb.runCommand('CyberArk PTA: Sign In');
  await wb.waitForQuickInput('CyberArk PTA vaults');
  const choices = await wb.quickPickLabels();
  for (const name of [FIRST, DR, 'All Vaults']) assert.ok(choices.some((c) => c.startsWith(name)), `vaults offered: ${choices.join(' | ')}`);
  await wb.pickQuickItem('All Vaults');

  // One vault after the other, in the order of the setting.
  await enterPassword(wb, DEMO_PASSWORD);
  await eventually('the first vault to be signed in to', async () => assert.equal(logons(sim).length, logonsBefore.production + 1));
  await enterPassword(wb, DR_PASSWORD);
  await eventually('the DR vault to be signed in to', async () => assert.equal(logons(drSim).length, logonsBefore.dr + 1));
  await wb.waitForQuickInputClosed();
  const sentTo = (s: PvwaSimulator) => logons(s).map((r) => (r.body as { password?: string } | undefined)?.password);
  assert.ok(!sentTo(sim).includes(DR_PASSWORD) && !sentTo(drSim).includes(DEMO_PASSWORD), 'a vault was sent the other vault\'s password');

  const openOf = (s: PvwaSimulator) => eventsInWindow(s).filter((e) => e.mStatus === 'OPEN').length;
  const first = wb.topLevelRow(FIRST);
  const dr = wb.topLevelRow(DR);
  await expectOpenCount(wb, first, openOf(sim));
  await expectOpenCount(wb, dr, openOf(drSim));
  assert.notEqual(openOf(sim), openOf(drSim), 'the two vaults should hold different data');
  await assertText(wb.openCountStatusItem(), new RegExp(`^${openOf(sim) + openOf(drSim)}$`));

  // The first vault folded to its groups, DR with its open events: both fit one screenshot.
  await wb.setExpanded(await openGroupOf(wb, first), false);
  await wb.parkMouse();
  await saveReadmeShot(wb.page, 'several-vaults', await sideBarClip(wb, await lastRow(wb)));
}

/** Add Vault…: its name, address, user name and method, answered as a person types them. */
export async function addVault(wb: Workbench, name: string, url: string): Promise<void> {
  await wb.runCommand('CyberArk PTA: Add Vault…');
  await wb.waitForQuickInput('Add a CyberArk Vault');
  await typeAnswer(wb, /A short name for this vault/, name);
  await typeAnswer(wb, /The PVWA address/, url);
  await typeAnswer(wb, /Your user name for 127\.0\.0\.1/, DEMO_USERNAME);
  await eventually('the method question', async () => assert.match((await wb.quickInputBox().getAttribute('placeholder')) ?? '', /check your password\?/));
  await wb.pickQuickItem('CyberArk');
  await wb.waitForQuickInputClosed();
}

function logons(sim: PvwaSimulator) {
  return sim.requests.filter((r) => r.method === 'POST' && /\/auth\/cyberark\/logon$/i.test(r.path) && r.status === 200);
}

async function typeAnswer(wb: Workbench, prompt: RegExp, answer: string): Promise<void> {
  await assertText(wb.quickInputMessage(), prompt);
  await wb.typeIntoQuickInput(answer);
  await wb.page.keyboard.press('Enter');
}

export async function enterPassword(wb: Workbench, password: string): Promise<void> {
  await waitForPasswordBox(wb);
  await assertText(wb.quickInputMessage(), new RegExp(`Password for ${DEMO_USERNAME}`));
  await wb.quickInputBox().fill(password);
  await wb.page.keyboard.press('Enter');
}

export async function expectOpenCount(wb: Workbench, vaultRow: Locator, open: number, timeoutMs?: number): Promise<void> {
  await eventually(`the vault to say ${formatCount(open)} open`, async () => assert.match(await wb.rowDescription(vaultRow), new RegExp(`^${formatCount(open)} open · `)), timeoutMs);
}

/** The Open group: the first row under a vault's row. */
async function openGroupOf(wb: Workbench, vaultRow: Locator): Promise<Locator> {
  const group = wb.sideBar.locator(`.monaco-list-row[role="treeitem"][data-index="${Number(await vaultRow.getAttribute('data-index')) + 1}"]`);
  assert.equal((await group.locator('.label-name').innerText()).trim(), 'Open');
  return group;
}

/** The tree's last rendered row (rows are positioned, so DOM order is not screen order). */
async function lastRow(wb: Workbench): Promise<Locator> {
  const rows = wb.sideBar.locator('.monaco-list-row[role="treeitem"]');
  const last = Math.max(...(await rows.evaluateAll((all) => all.map((row) => Number((row as HTMLElement).dataset.index)))));
  return wb.sideBar.locator(`.monaco-list-row[role="treeitem"][data-index="${last}"]`);
}
