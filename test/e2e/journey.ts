// The end-to-end journey: the extension in a real VS Code (code-server) in headless Chromium,
// talking to the PVWA simulator, driven through the UI as an analyst would. Every step checks
// what is on screen and saves a screenshot to test-results/e2e/.
//
//   node out/test/e2e/journey.js [--update-screenshots]
//
// --update-screenshots (or PTA_UPDATE_SCREENSHOTS=1) copies the README screenshots taken
// during a passing run into media/screenshots/; without it no tracked file is touched.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { formatScore, readableEventType } from '../../src/model/format';
import { launchChromium, payloadUrl, projectRoot, sleep, startCodeServer, type CodeServer } from '../host/codeServer';
import { generateEvents, type RawEvent } from '../simulator/data';
import { hostileEvents } from '../support/hostileEvents';
import { DEMO_PASSWORD, DEMO_USERNAME, PvwaSimulator } from '../simulator/server';
import { printSpecReport } from '../support/specReport';
import { Interrupted, runSteps, specResults, withTimeLimit, type Step } from './stepRunner';
import { escapeRegExp, eventually, Workbench } from './workbench';

const suiteTitle = 'CyberArk PTA journey (browser, real VS Code)';
const resultsDir = path.join(projectRoot, 'test-results', 'e2e');
const readmeShotsDir = path.join(resultsDir, 'readme');
const trackedScreenshotsDir = path.join(projectRoot, 'media', 'screenshots');
const updateScreenshots = process.argv.includes('--update-screenshots') || process.env.PTA_UPDATE_SCREENSHOTS === '1';

const viewport = { width: 1400, height: 900 };
const sideBarWidth = 520;
const setupTimeoutMs = 120_000;
const lookbackDays = 30;
const minScoreFilter = 80;
const DAY_MS = 86_400_000;

/** Messages of JavaScript dialogs opened in any frame of the page. */
const dialogsSeen: string[] = [];

const tooLongReasonText =
  'Investigated with the account owner: the PSM session was an approved emergency change, ' +
  'the ticket is attached and the password was rotated afterwards.';
const reasonText = 'Approved emergency change; password rotated afterwards.';

/** The event the journey expands, opens, closes and reopens, with what the tree should say about it. */
interface Subject {
  readonly event: RawEvent;
  readonly audits: ReadonlyArray<Record<string, unknown>>;
  readonly title: string;
  /** The start of its tree row's aria label, unique among the rows. */
  readonly rowLabel: string;
}

interface Journey {
  readonly wb: Workbench;
  readonly page: Page;
  readonly sim: PvwaSimulator;
  readonly subject: Subject;
  readonly expected: { open: number; closed: number; openAbove: number; closedAbove: number };
}

async function main(): Promise<number> {
  const startedAt = Date.now();
  let rejectInterrupted: (error: Error) => void = () => undefined;
  const interrupted = new Promise<never>((_, reject) => (rejectInterrupted = reject));
  interrupted.catch(() => undefined);
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\nReceived ${signal}: stopping.`);
    rejectInterrupted(new Interrupted(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  fs.rmSync(resultsDir, { recursive: true, force: true });
  fs.mkdirSync(readmeShotsDir, { recursive: true });
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pta-e2e-'));

  const sim = new PvwaSimulator({ events: generateEvents({ count: 60, seed: 7, now: Date.now() }) });
  const started: Started = {};
  const setup = setUp(sim, tempDir, started);
  setup.catch(() => undefined);
  try {
    let page: Page;
    try {
      page = await withTimeLimit(setup, setupTimeoutMs, interrupted);
    } catch (error) {
      if (error instanceof Interrupted) return 130;
      console.error(`\n${suiteTitle}: setup failed (simulator, code-server, Chromium or the first load of the workbench):`);
      console.error(`  ${(error as Error).message}`);
      console.error(`  See ${path.relative(projectRoot, resultsDir)}/code-server.log and browser.log.`);
      console.log('\n  0 passing\n  1 failing\n');
      return 1;
    }

    const journey: Journey = { wb: new Workbench(page), page, sim, subject: chooseSubject(sim), expected: expectedCounts(sim) };
    const results = await runSteps(journeySteps(journey), resultsDir, {
      screenshot: (file) => page.screenshot({ path: file }).then(() => undefined, () => undefined),
      interrupted,
    });
    printSpecReport(specResults(suiteTitle, results, Date.now() - startedAt, projectRoot), `${suiteTitle}: no steps ran.`);
    if (results.some((r) => r.error instanceof Interrupted)) return 130;
    const passed = results.every((r) => r.state === 'passed');
    if (passed && updateScreenshots) copyReadmeScreenshots();
    return passed ? 0 : 1;
  } finally {
    // An abandoned setup may still be starting something; let it finish so it can be stopped.
    await Promise.race([setup.catch(() => undefined), sleep(15_000)]);
    await started.browser?.close().catch(() => undefined);
    await started.codeServer?.stop();
    await sim.stop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

/** What setUp has started so far, for the clean-up to stop even after a failed or interrupted setup. */
interface Started {
  codeServer?: CodeServer;
  browser?: Browser;
}

/** The simulator, code-server with the user settings, Chromium, and the workbench loaded with the extension. */
async function setUp(sim: PvwaSimulator, tempDir: string, started: Started): Promise<Page> {
  const simulatorUrl = await sim.start();
  const workspaceFolder = path.join(tempDir, 'workspace');
  started.codeServer = await startCodeServer({
    workspaceFolder,
    userDataDir: path.join(tempDir, 'user-data'),
    extensionsDir: path.join(tempDir, 'extensions'),
    logFile: path.join(resultsDir, 'code-server.log'),
    settings: {
      'cyberarkPta.url': simulatorUrl,
      'cyberarkPta.username': DEMO_USERNAME,
      'cyberarkPta.autoRefreshSeconds': 0,
      'cyberarkPta.lookbackDays': lookbackDays,
      'workbench.tips.enabled': false,
    },
  });
  started.browser = await launchChromium();
  const page = await started.browser.newPage({ viewport });
  page.setDefaultTimeout(20_000);
  const browserLog = path.join(resultsDir, 'browser.log');
  page.on('console', (message) => fs.appendFileSync(browserLog, `[${message.type()}] ${message.text()}\n`));
  // A dialog from any frame means a vault string ran as script.
  page.on('dialog', (dialog) => {
    dialogsSeen.push(dialog.message());
    void dialog.dismiss().catch(() => undefined);
  });
  await openWorkbench(page, payloadUrl(started.codeServer.baseUrl, workspaceFolder, projectRoot));
  return page;
}

async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const wb = new Workbench(page);
  // The first load of the workbench and the extension host can take a while.
  await wb.waitUntilLoaded(90_000);
  await wb.activityBarItem('CyberArk PTA').waitFor({ timeout: 60_000 });
}

function journeySteps(j: Journey): Step[] {
  return [
    { title: 'opens the CyberArk PTA view signed out: welcome text and Sign In button', slug: 'signed-out-welcome', run: () => openViewSignedOut(j) },
    { title: 'signs in from the command palette with only the password asked', slug: 'signed-in', run: () => signIn(j) },
    { title: 'shows Open and Closed with their counts, and an event\'s audits when expanded', slug: 'tree-with-audits', run: () => expandEvent(j) },
    { title: 'opens the event\'s details: title, summary and raw JSON in the webview', slug: 'event-details', run: () => openDetails(j) },
    { title: 'closes the event from the context menu, refusing a too-long text first', slug: 'event-closed', run: () => closeEvent(j), timeoutMs: 90_000 },
    { title: 'reopens the event from the Closed group', slug: 'event-reopened', run: () => reopenEvent(j) },
    { title: 'filters by minimum score and clears the filter', slug: 'filter-cleared', run: () => filterByScore(j) },
    { title: 'shows hostile vault strings as inert text: tree, alert, details page', slug: 'hostile-strings', run: () => showHostileEvents(j) },
    { title: 'signs out: the welcome returns', slug: 'signed-out', run: () => signOut(j) },
  ];
}

// Step 1
async function openViewSignedOut({ wb }: Journey): Promise<void> {
  await wb.openViewContainer('CyberArk PTA');
  await wb.resizeSideBar(sideBarWidth);
  const welcome = wb.welcomeContent();
  await welcome.waitFor();
  await assertText(welcome, /Sign in to your self-hosted CyberArk PVWA/);
  await welcome.getByRole('button', { name: 'Sign In' }).waitFor();
  await wb.parkMouse();
}

// Step 2
async function signIn({ wb, sim, expected }: Journey): Promise<void> {
  await wb.runCommand('CyberArk PTA: Sign In');
  // The address and user name come from the settings, so the password is the only question.
  await wb.waitForQuickInput(`Sign In to 127.0.0.1`);
  assert.equal(await wb.quickInputBox().getAttribute('type'), 'password', 'the sign-in input box should be a password box');
  await assertText(wb.quickInputMessage(), new RegExp(`Password for ${DEMO_USERNAME}`));
  await wb.page.keyboard.type(DEMO_PASSWORD);
  await wb.page.keyboard.press('Enter');
  await wb.waitForQuickInputClosed();

  await wb.topLevelRow('Open').waitFor();
  await wb.welcomeContent().waitFor({ state: 'hidden' });
  await waitForGroupCounts(wb, String(expected.open), String(expected.closed));
  const logons = sim.requests.filter((r) => r.method === 'POST' && /\/auth\/cyberark\/logon$/i.test(r.path));
  assert.equal(logons.length, 1, 'the simulator should have seen exactly one CyberArk logon');
  await wb.parkMouse();
}

// Step 3
async function expandEvent({ wb, subject, expected }: Journey): Promise<void> {
  await waitForGroupCounts(wb, String(expected.open), String(expected.closed));
  const row = wb.treeRows(subject.rowLabel);
  await row.waitFor();
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

// Step 4
async function openDetails({ wb, subject }: Journey): Promise<void> {
  await wb.treeRows(subject.rowLabel).locator('.label-name').click();
  const frame = await wb.webviewFrame(`#root[data-event-id="${subject.event.id}"]`);
  const root = frame.locator('#root');
  await assertText(root.locator('h1'), new RegExp(`^${escapeRegExp(subject.title)}$`));
  await assertText(root.locator('.badges'), new RegExp(`Score ${escapeRegExp(formatScore(Number(subject.event.score)))} · high risk`));
  const summary = root.locator('section').filter({ has: frame.locator('h2', { hasText: /^Summary$/ }) });
  await assertText(summary, new RegExp(`Event ID\\s*${subject.event.id}`));
  await assertText(summary, new RegExp(`Audits\\s*${subject.audits.length}`));
  await assertText(root.locator('pre.json'), new RegExp(`"id": "${subject.event.id}"`));
  await assertText(wb.page.locator('.tabs-container .tab.active'), new RegExp(escapeRegExp(subject.title)));
  await wb.parkMouse();
  await saveReadmeShot(wb.page, 'event-details', topOfWindowClip(620));
}

// Step 5
async function closeEvent({ wb, sim, subject, expected }: Journey): Promise<void> {
  const closePatchesBefore = patches(sim).length;
  await wb.contextMenuAction(wb.treeRows(subject.rowLabel), 'Close Event…');

  await wb.waitForQuickInput(`Close ${subject.title} (${subject.event.id}) (1/2): reason`);
  const reasons = await wb.quickPickLabels();
  assert.ok(reasons.some((r) => r.startsWith('Handled')) && reasons.some((r) => r.startsWith('False positive')), `reasons offered: ${reasons.join(' | ')}`);
  await wb.parkMouse();
  await saveReadmeShot(wb.page, 'close-reason', await quickInputClip(wb));
  await wb.pickQuickItem('Handled');

  await wb.waitForQuickInput(`Close ${subject.title} (${subject.event.id}) (2/2): text`);
  await wb.typeIntoQuickInput(tooLongReasonText);
  await assertText(wb.quickInputMessage(), /too long/);
  await wb.page.keyboard.press('Enter');
  // Proving that nothing happens needs a moment of letting it not happen.
  await new Promise((resolve) => setTimeout(resolve, 700));
  await wb.waitForQuickInput(`Close ${subject.title} (${subject.event.id}) (2/2): text`);
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

  // The open details panel follows the event.
  const frame = await wb.webviewFrame(`#root[data-event-id="${subject.event.id}"][data-status="CLOSED"]`);
  await assertText(frame.locator('.badges'), /Closed/);
  await assertText(frame.locator('section.closed'), new RegExp(`Reason\\s*Handled\\s*Text\\s*${escapeRegExp(reasonText)}`));
  await wb.parkMouse();
}

// Step 6
async function reopenEvent({ wb, sim, subject, expected }: Journey): Promise<void> {
  // Folding Open keeps the Closed group's rows on screen (the list only renders visible rows).
  await wb.setExpanded(wb.topLevelRow('Open'), false);
  await wb.setExpanded(wb.topLevelRow('Closed'), true);
  const closedRow = wb.treeRows(subject.rowLabel);
  await closedRow.waitFor();
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

// Step 7
async function filterByScore({ wb, page, expected }: Journey): Promise<void> {
  await wb.viewTitleAction('Filter Events…').click();
  await wb.waitForQuickInput('Filter PTA Events');
  await wb.pickQuickItem('Minimum score…');
  await wb.waitForQuickInput('Minimum score');
  await wb.typeIntoQuickInput(String(minScoreFilter));
  await page.keyboard.press('Enter');
  await wb.waitForQuickInputClosed();

  await assertText(wb.viewMessage(), new RegExp(`Filtered: score ≥ ${minScoreFilter}`));
  await waitForGroupCounts(wb, `${expected.openAbove} of ${expected.open}`, `${expected.closedAbove} of ${expected.closed}`);
  const eventLabels = await wb.childRowLabels(wb.topLevelRow('Open'));
  assert.equal(eventLabels.length, expected.openAbove, `open rows shown: ${JSON.stringify(eventLabels)}`);
  for (const label of eventLabels) {
    const score = Number(/, score ([\d.]+),/.exec(label)?.[1]);
    assert.ok(score >= minScoreFilter, `"${label}" should not pass a minimum score of ${minScoreFilter}`);
  }
  await wb.parkMouse();
  await saveReadmeShot(page, 'filtered', await sideBarClip(wb, wb.topLevelRow('Closed')));
  await page.screenshot({ path: path.join(resultsDir, '07-filter-applied.png') });

  await wb.runCommand('CyberArk PTA: Clear Filter');
  await waitForGroupCounts(wb, String(expected.open), String(expected.closed));
  await eventually('the filter message to go', async () => {
    const message = ((await wb.viewMessage().textContent()) ?? '').trim();
    assert.ok(!message.includes('Filtered'), `the view message still says "${message}"`);
  });
  await wb.parkMouse();
}

// Step 8
async function showHostileEvents({ wb, sim }: Journey): Promise<void> {
  const [imgType, linkType] = ['<img src=x onerror=alert(1)>', '[click](command:workbench.action.terminal.new)'];
  const hostile = hostileEvents(Date.now()).filter((e) => e.type === imgType || e.type === linkType);
  for (const event of hostile) sim.upsertEvent({ ...event, mStatus: 'OPEN', score: event.type === linkType ? 96 : 50 });
  await wb.viewTitleAction('Refresh').click();

  // The alert names the new high-risk event; its text must not become a link.
  const toast = wb.notificationToasts().filter({ hasText: '1 new high-risk event' });
  await assertText(toast, new RegExp(escapeRegExp('1 new high-risk event: [click] (command:workbench.action.terminal.new) (96)')));
  assert.equal(await toast.locator('.notification-list-item-message a').count(), 0, 'the alert\'s message holds a link');

  const imgRow = wb.treeRows(imgType);
  await imgRow.waitFor();
  assert.equal(((await imgRow.locator('.label-name').innerText()) ?? '').trim(), imgType);
  assert.equal(await imgRow.locator('img').count(), 0, 'the tree row holds an injected image');
  const linkRow = wb.treeRows(linkType);
  assert.equal(((await linkRow.locator('.label-name').innerText()) ?? '').trim(), linkType);

  await imgRow.locator('.label-name').click();
  const event = hostile.find((e) => e.type === imgType)!;
  const frame = await wb.webviewFrame(`#root[data-event-id="${event.id}"]`);
  await assertText(frame.locator('#root h1'), new RegExp(`^${escapeRegExp(imgType)}$`));
  const injected = await frame.locator('#root').evaluate((root) => root.querySelectorAll('img, svg, iframe, script, style, link, meta, base, a[href], [onerror], [onload], [onmouseover], [onfocus]').length);
  assert.equal(injected, 0, 'elements from vault strings were created in the details page');
  const shown = (await frame.locator('#root').innerText()).replace(/\s+/g, ' ');
  for (const payload of ['</script><script>alert(1)</script>', '<meta http-equiv="Content-Security-Policy" content="default-src *">', '[click](command:workbench.action.terminal.new)', '$(alert) $(zap) $(sync~spin) $(codicon)', '{{7*7}} <%= 7*7 %> #{7*7}', 'invoice<U+202E>fdp.exe']) {
    assert.ok(shown.includes(payload), `the details page does not show ${payload} literally`);
  }
  await sleep(500);
  assert.deepEqual(dialogsSeen, [], 'a vault string opened a dialog');
  await wb.parkMouse();
}

// Step 9
async function signOut({ wb, sim }: Journey): Promise<void> {
  await wb.runCommand('CyberArk PTA: Sign Out');
  const welcome = wb.welcomeContent();
  await welcome.waitFor();
  await assertText(welcome, /Sign in to your self-hosted CyberArk PVWA/);
  await welcome.getByRole('button', { name: 'Sign In' }).waitFor();
  await wb.topLevelRow('Open').waitFor({ state: 'detached' });
  await assertText(wb.notificationToasts().filter({ hasText: 'Signed out of 127.0.0.1' }), /Forget the stored password too\?/);
  await eventually('the simulator to see the logoff', async () => {
    assert.ok(sim.requests.some((r) => r.method === 'POST' && /\/auth\/logoff$/i.test(r.path)), 'no POST to Auth/Logoff');
  });
  await wb.parkMouse();
}

/** The newest open, high-risk event with several audits and a plain type, whose row label no other event shares. */
function chooseSubject(sim: PvwaSimulator): Subject {
  const inWindow = eventsInWindow(sim);
  const labelOf = (e: RawEvent) => `${readableEventType(String(e.type))}, score ${formatScore(Number(e.score))},`;
  const candidate = inWindow.find((e) => {
    const audits = Array.isArray(e.audits) ? e.audits : [];
    return (
      e.mStatus === 'OPEN' &&
      Number(e.score) > 75 &&
      audits.length >= 2 &&
      /^[A-Za-z]+$/.test(String(e.type)) &&
      inWindow.filter((other) => labelOf(other) === labelOf(e)).length === 1
    );
  });
  if (!candidate) throw new Error('the simulated data has no open high-risk event with audits to drive the journey with');
  return {
    event: candidate,
    audits: candidate.audits as Array<Record<string, unknown>>,
    title: readableEventType(String(candidate.type)),
    rowLabel: labelOf(candidate),
  };
}

function expectedCounts(sim: PvwaSimulator): Journey['expected'] {
  const inWindow = eventsInWindow(sim);
  const count = (status: string, minScore = 0) => inWindow.filter((e) => e.mStatus === status && Number(e.score) >= minScore).length;
  return {
    open: count('OPEN'),
    closed: count('CLOSED'),
    openAbove: count('OPEN', minScoreFilter),
    closedAbove: count('CLOSED', minScoreFilter),
  };
}

/** What the first load asks for: events updated within the look-back window, newest first. */
function eventsInWindow(sim: PvwaSimulator): RawEvent[] {
  const from = Date.now() - lookbackDays * DAY_MS;
  return sim.events().filter((e) => e.lastUpdateTime >= from);
}

function patches(sim: PvwaSimulator) {
  return sim.requests.filter((r) => r.method === 'PATCH');
}

async function waitForGroupCounts(wb: Workbench, open: string, closed: string): Promise<void> {
  await eventually(`Open ${open} and Closed ${closed}`, async () => {
    const shown = { open: await wb.rowDescription(wb.topLevelRow('Open')), closed: await wb.rowDescription(wb.topLevelRow('Closed')) };
    assert.deepEqual(shown, { open, closed });
  });
}

async function assertText(locator: import('playwright-core').Locator, expected: RegExp): Promise<void> {
  await eventually(`text matching ${expected}`, async () => {
    const text = (await locator.first().innerText({ timeout: 2000 })).replace(/\s+/g, ' ').trim();
    assert.match(text, expected);
  });
}

type Clip = { x: number; y: number; width: number; height: number };

/** The activity bar and side bar, from the top down to below `lastRow`. */
async function sideBarClip(wb: Workbench, lastRow: import('playwright-core').Locator): Promise<Clip> {
  const sideBar = await wb.sideBar.boundingBox();
  const row = await lastRow.boundingBox();
  if (!sideBar || !row) throw new Error('the side bar or its last row is not shown');
  return { x: 0, y: 0, width: sideBar.x + sideBar.width, height: Math.min(viewport.height, row.y + row.height + 12) };
}

function topOfWindowClip(height: number): Clip {
  return { x: 0, y: 0, width: viewport.width, height };
}

/** The quick input widget with the tree behind it. */
async function quickInputClip(wb: Workbench): Promise<Clip> {
  const widget = await wb.quickInput.boundingBox();
  if (!widget) throw new Error('the quick input is not shown');
  return { x: 0, y: 0, width: Math.min(viewport.width, widget.x + widget.width + 24), height: Math.min(viewport.height, widget.y + widget.height + 140) };
}

async function saveReadmeShot(page: Page, name: string, clip: Clip): Promise<void> {
  await page.screenshot({ path: path.join(readmeShotsDir, `${name}.png`), clip });
}

function copyReadmeScreenshots(): void {
  fs.mkdirSync(trackedScreenshotsDir, { recursive: true });
  for (const file of fs.readdirSync(readmeShotsDir)) {
    fs.copyFileSync(path.join(readmeShotsDir, file), path.join(trackedScreenshotsDir, file));
  }
  console.log(`  Screenshots updated in ${path.relative(projectRoot, trackedScreenshotsDir)}/.\n`);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
