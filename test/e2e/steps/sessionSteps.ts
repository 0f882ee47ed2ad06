// Signing in and out of the single vault, and a first load that fails.
import * as assert from 'node:assert/strict';
import { DEMO_PASSWORD, DEMO_USERNAME } from '../../simulator/server';
import { assertText, expectedCounts, Journey, saveShot, sideBarWidth, waitForGroupCounts } from '../journeyContext';
import { eventually, Workbench } from '../workbench';

const vaultHost = '127.0.0.1';

export async function openViewSignedOut({ wb }: Journey): Promise<void> {
  await wb.openViewContainer('CyberArk PTA');
  await wb.resizeSideBar(sideBarWidth);
  const welcome = wb.welcomeContent();
  await welcome.waitFor();
  await assertText(welcome, /Sign in to your self-hosted CyberArk PVWA/);
  await welcome.getByRole('button', { name: 'Sign In' }).waitFor();
  // On its first start from the working tree (as in the demo) the extension opens its walkthrough.
  const walkthrough = wb.editorTabs().filter({ hasText: 'Walkthrough: CyberArk PTA Events' });
  await walkthrough.waitFor();
  await wb.page.locator('.gettingStartedContainer').getByText('The keyboard loop', { exact: true }).first().waitFor();
  await wb.parkMouse();
  await saveShot(wb.page, 'walkthrough-first-start');
  await wb.runCommand('View: Close All Editors');
  await eventually('the walkthrough to close', async () => assert.equal(await walkthrough.count(), 0));
  await wb.parkMouse();
}

/** The address and user name come from the settings; no method is set, so the first sign-in asks it. */
export async function signIn({ wb, sim, expected, settings }: Journey): Promise<void> {
  await wb.runCommand('CyberArk PTA: Sign In');
  await wb.waitForQuickInput(`Sign In to ${vaultHost}`);
  assert.equal(await wb.quickInputBox().getAttribute('placeholder'), `How does ${vaultHost} check your password?`);
  const methods = await wb.quickPickLabels();
  for (const method of ['CyberArk', 'LDAP', 'RADIUS']) assert.ok(methods.some((m) => m.startsWith(method)), `methods offered: ${methods.join(' | ')}`);
  await wb.pickQuickItem('CyberArk');

  await waitForPasswordBox(wb);
  await assertText(wb.quickInputMessage(), new RegExp(`Password for ${DEMO_USERNAME} \\(CyberArk authentication\\)`));
  await wb.page.keyboard.type(DEMO_PASSWORD);
  await wb.page.keyboard.press('Enter');
  await wb.waitForQuickInputClosed();

  await wb.topLevelRow('Open').waitFor();
  await wb.welcomeContent().waitFor({ state: 'hidden' });
  // The Entities view and the Overview appear below Events once signed in. The Overview is drawn,
  // then folded, and Entities folded too: that leaves the tree its height until their own steps,
  // and no webview is still loading when the next opens.
  await wb.webviewFrame('#root[data-state="loaded"]');
  await wb.setPaneExpanded('Overview', false);
  await wb.setPaneExpanded('Entities', false);
  await waitForGroupCounts(wb, String(expected.open), String(expected.closed));
  const logons = sim.requests.filter((r) => r.method === 'POST' && /\/auth\/cyberark\/logon$/i.test(r.path));
  assert.equal(logons.length, 1, 'the simulator should have seen exactly one CyberArk logon');
  await eventually('the chosen method to be saved in the user settings', async () => {
    assert.equal(settings.read()['cyberarkPta.authMethod'], 'CyberArk');
  });
  await wb.parkMouse();
}

export async function signOut({ wb, sim }: Journey): Promise<void> {
  // The details panels stay open: signing out must close them itself, and the next sign-in must not trip over them.
  await signOutOfTheVault(wb, false);
  await eventually('the simulator to see the logoff', async () => {
    assert.ok(sim.requests.some((r) => r.method === 'POST' && /\/auth\/logoff$/i.test(r.path)), 'no POST to Auth/Logoff');
  });
  await wb.parkMouse();
}

/**
 * Signed in again (the stored password is used) while the vault answers 503 to the events list:
 * the view says so with the HTTP status and offers Retry in the view; the count is unknown, not 0.
 */
export async function failedFirstLoad({ wb, sim }: Journey): Promise<void> {
  // The hostile events added earlier count now.
  const expected = expectedCounts(sim);
  sim.inject({ kind: 'html', status: 503 }, { method: 'GET', pathIncludes: '/events', times: Infinity });
  const logonsBefore = sim.requests.filter((r) => /\/logon$/i.test(r.path)).length;
  await wb.runCommand('CyberArk PTA: Sign In');
  await eventually('the sign-in with the stored password', async () => {
    assert.equal(sim.requests.filter((r) => /\/logon$/i.test(r.path)).length, logonsBefore + 1);
  });

  const failedRow = wb.rowsLabelled(/^Loading events failed/);
  await failedRow.waitFor();
  assert.match(await wb.rowDescription(failedRow), /503/, 'the failure row should name the HTTP status');
  const retryRow = wb.rowsLabelled(/^Retry$/);
  await retryRow.waitFor();
  assert.equal(await wb.topLevelRow('Open').count(), 0, 'a failed load must not show an Open group');
  await assertText(wb.viewMessage(), /Loading events failed: .*503/);
  await assertText(wb.openCountStatusItem(), /^\?$/);
  await wb.parkMouse();
  await saveShot(wb.page, 'failed-first-load');

  sim.clearFaults();
  await retryRow.locator('.label-name').click();
  await waitForGroupCounts(wb, String(expected.open), String(expected.closed));
  await assertText(wb.openCountStatusItem(), new RegExp(`^${expected.open}$`));
  await failedRow.waitFor({ state: 'detached' });

  // The several-vaults steps sign in afresh: this time the stored password goes too.
  await signOutOfTheVault(wb, true);
}

async function signOutOfTheVault(wb: Workbench, forgetPassword: boolean): Promise<void> {
  await wb.runCommand('CyberArk PTA: Sign Out');
  const welcome = wb.welcomeContent();
  await welcome.waitFor();
  await assertText(welcome, /Sign in to your self-hosted CyberArk PVWA/);
  await welcome.getByRole('button', { name: 'Sign In' }).waitFor();
  await wb.topLevelRow('Open').waitFor({ state: 'detached' });
  const toast = wb.notificationToasts().filter({ hasText: `Signed out of ${vaultHost}` });
  await assertText(toast, /Forget the stored password too\?/);
  if (forgetPassword) {
    await toast.getByRole('button', { name: 'Forget Password' }).click();
    await toast.waitFor({ state: 'hidden' });
  }
}

export async function waitForPasswordBox(wb: Workbench): Promise<void> {
  await eventually('the password box', async () => {
    assert.equal(await wb.quickInputBox().getAttribute('type'), 'password', 'the sign-in input box should be a password box');
  });
}
