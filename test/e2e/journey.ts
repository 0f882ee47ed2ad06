// The end-to-end journey: the extension in a real VS Code (code-server) in headless Chromium,
// talking to the PVWA simulator, driven through the UI as an analyst would. Every step checks
// what is on screen and saves a screenshot to test-results/e2e/.
//
//   node out/test/e2e/journey.js [--update-screenshots]
//
// --update-screenshots (or PTA_UPDATE_SCREENSHOTS=1) copies the README screenshots taken
// during a passing run into media/screenshots/; without it no tracked file is touched.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, payloadUrl, projectRoot, sleep, startCodeServer, type CodeServer } from '../host/codeServer';
import { generateEvents } from '../simulator/data';
import { DEMO_USERNAME, PvwaSimulator } from '../simulator/server';
import { printSpecReport } from '../support/specReport';
import { HOST_STALLS_FILE_VARIABLE } from '../../src/util/hostStalls';
import { HostStallLog } from './hostStallLog';
import { chooseContextSubject, choosePreviewSubjects, choosePsmSubject, chooseSubject, expectedCounts, Journey, lookbackDays, readmeShotsDir, resultsDir, UserSettings, viewport } from './journeyContext';
import { openFromAlert } from './steps/alertSteps';
import { Interrupted, runSteps, specResults, withTimeLimit, type Step } from './stepRunner';
import { closeTheSameWay, investigateInContext } from './steps/contextSteps';
import { detailsInEveryTheme, openDetails, previewKeepsFocusInTree } from './steps/detailsSteps';
import { openEventsFromFile } from './steps/fileSteps';
import { overviewFiltersEvents } from './steps/overviewSteps';
import { analystAtScale } from './steps/scaleSteps';
import { respondToPsmEvent } from './steps/respondSteps';
import { failedFirstLoad, openViewSignedOut, signIn, signOut } from './steps/sessionSteps';
import { closeEvent, expandEvent, filterByScore, reopenEvent, showHostileEvents, showPsmCommand } from './steps/treeSteps';
import { closeManyAndUndo } from './steps/triageSteps';
import { DR_PASSWORD, signInToSeveralVaults } from './steps/vaultSteps';
import { walkTenEventsByKeyboard } from './steps/loopSteps';
import { Workbench } from './workbench';

const suiteTitle = 'CyberArk PTA journey (browser, real VS Code)';
const trackedScreenshotsDir = path.join(projectRoot, 'media', 'screenshots');
const updateScreenshots = process.argv.includes('--update-screenshots') || process.env.PTA_UPDATE_SCREENSHOTS === '1';
const setupTimeoutMs = 120_000;

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

  const sim = new PvwaSimulator({ events: generateEvents({ count: 60, seed: 7, now: Date.now() }) });
  const drSim = new PvwaSimulator({
    events: generateEvents({ count: 24, seed: 23, now: Date.now() }),
    users: [{ username: DEMO_USERNAME, password: DR_PASSWORD }],
  });
  // Chosen before anything starts, so data that cannot drive the journey fails at once.
  const chosen = {
    subject: chooseSubject(sim),
    psmSubject: choosePsmSubject(sim),
    previewSubjects: choosePreviewSubjects(sim),
    contextSubject: chooseContextSubject(sim),
    expected: expectedCounts(sim),
  };
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pta-e2e-'));
  const workspaceFolder = path.join(tempDir, 'workspace');
  const hostStalls = new HostStallLog(path.join(tempDir, 'host-stalls.jsonl'));
  const started: Started = {};
  const dialogsSeen: string[] = [];
  const setup = setUp([sim, drSim], tempDir, workspaceFolder, hostStalls, started, dialogsSeen);
  setup.catch(() => undefined);
  try {
    let page: Page;
    try {
      page = await withTimeLimit(setup, setupTimeoutMs, interrupted);
    } catch (error) {
      if (error instanceof Interrupted) return 130;
      console.error(`\n${suiteTitle}: setup failed (simulators, code-server, Chromium or the first load of the workbench):`);
      console.error(`  ${(error as Error).message}`);
      console.error(`  See ${path.relative(projectRoot, resultsDir)}/code-server.log and browser.log.`);
      console.log('\n  0 passing\n  1 failing\n');
      return 1;
    }

    const journey: Journey = {
      wb: new Workbench(page),
      page,
      sim,
      drSim,
      settings: new UserSettings(path.join(tempDir, 'user-data', 'User', 'settings.json')),
      workspaceFolder,
      ...chosen,
      dialogsSeen,
      hostStalls,
      figures: [],
    };
    const results = await runSteps(journeySteps(journey), resultsDir, {
      screenshot: (file) => page.screenshot({ path: file }).then(() => undefined, () => undefined),
      interrupted,
    });
    printSpecReport(specResults(suiteTitle, results, Date.now() - startedAt, projectRoot), `${suiteTitle}: no steps ran.`);
    for (const figure of journey.figures) console.log(`  ${figure}`);
    for (const retry of journey.wb.hostRetries) console.log(`  Host work-around: ${retry}`);
    if (results.some((r) => r.error instanceof Interrupted)) return 130;
    const passed = results.every((r) => r.state === 'passed');
    if (passed && updateScreenshots) copyReadmeScreenshots();
    return passed ? 0 : 1;
  } finally {
    // An abandoned setup may still be starting something; let it finish so it can be stopped.
    await Promise.race([setup.catch(() => undefined), sleep(15_000)]);
    await started.browser?.close().catch(() => undefined);
    await started.codeServer?.stop();
    await Promise.all([sim.stop(), drSim.stop()]);
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

/** What setUp has started so far, for the clean-up to stop even after a failed or interrupted setup. */
interface Started {
  codeServer?: CodeServer;
  browser?: Browser;
}

/** The simulators, code-server with the user settings, Chromium, and the workbench loaded with the extension. */
async function setUp(sims: PvwaSimulator[], tempDir: string, workspaceFolder: string, hostStalls: HostStallLog, started: Started, dialogsSeen: string[]): Promise<Page> {
  const [simulatorUrl] = await Promise.all(sims.map((s) => s.start()));
  started.codeServer = await startCodeServer({
    workspaceFolder,
    userDataDir: path.join(tempDir, 'user-data'),
    extensionsDir: path.join(tempDir, 'extensions'),
    logFile: path.join(resultsDir, 'code-server.log'),
    env: { [HOST_STALLS_FILE_VARIABLE]: hostStalls.file },
    // No cyberarkPta.authMethod: the first sign-in asks for it.
    settings: {
      'cyberarkPta.url': simulatorUrl,
      'cyberarkPta.username': DEMO_USERNAME,
      'cyberarkPta.autoRefreshSeconds': 0,
      'cyberarkPta.lookbackDays': lookbackDays,
      'workbench.tips.enabled': false,
      'workbench.colorTheme': 'Default Dark Modern',
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

/** The steps in order. Each is a function of the journey in steps/; a new step is one line here. */
function journeySteps(j: Journey): Step[] {
  const step = (slug: string, title: string, run: (j: Journey) => Promise<void>, timeoutMs?: number): Step => ({ slug, title, run: () => run(j), timeoutMs });
  return [
    step('signed-out-welcome', 'opens the CyberArk PTA view signed out: welcome text and Sign In button', openViewSignedOut),
    step('signed-in', 'signs in from the command palette: the method asked once, then the password', signIn),
    step('tree-with-audits', 'shows Open and Closed with their counts, rows led by the score, and an event\'s audits when expanded', expandEvent),
    step('psm-command', 'shows the typed command in a PSM event\'s audit row', showPsmCommand),
    step('open-from-alert', 'marks the row of an event whose PSM session is live, and opens it from a pasted CEF line', openFromAlert),
    step('event-details', 'opens the event\'s details: title, summary and raw JSON in the webview', openDetails),
    step('event-closed', 'closes the event from the context menu, refusing a too-long text first', closeEvent, 90_000),
    step('event-reopened', 'reopens the event from the Closed group; a closed row shows its reason and no flame', reopenEvent),
    step('preview-keeps-focus', 'previews three events in one tab with the focus in the tree; Down follows, Enter pins', previewKeepsFocusInTree),
    step('details-themes', 'shows the details page in the four theme kinds', detailsInEveryTheme, 90_000),
    step('filter-cleared', 'filters by minimum score and clears the filter', filterByScore),
    step('overview', 'draws the Overview; a click on a type filters the Events view', overviewFiltersEvents, 90_000),
    step('event-context', 'shows how an event\'s look-alikes were closed, filters by one of its entities and draws its timeline', investigateInContext),
    step('closed-the-same-way', 'closes the event the same way: the earlier text prefilled, sent as it was on Enter', closeTheSameWay),
    step('keyboard-loop', 'walks ten events by keyboard at 300 px, closing two: the selection and preview move on, the order stays; Ctrl+Z and r undo', walkTenEventsByKeyboard, 120_000),
    step('bulk-close-undo', 'selects the open events with Ctrl+A, closes them at once, and Undo reopens them all', closeManyAndUndo, 90_000),
    step('hostile-strings', 'shows hostile vault strings as inert text: tree, alert, details page', showHostileEvents),
    step('respond', 'opens a PSM event with a live session, shows Behind this event, terminates, changes, suspends, and closes it with the prefilled text', respondToPsmEvent, 120_000),
    step('signed-out', 'signs out: the welcome returns', signOut),
    step('failed-first-load', 'a failed first load says so with the HTTP status, and Retry in the view loads', failedFirstLoad),
    step('several-vaults', 'two vaults signed in through the palette, listed side by side with their counts', signInToSeveralVaults, 90_000),
    step('events-from-file', 'opens a saved answer from its editor as a node beside the vaults; a hover over a time gives its date', openEventsFromFile),
    step('at-scale', 'at 50,000 events: the first rows after Sign In, the Overview from its aggregates, a filter narrowing as typed and one close, each timed with the host\'s longest stall', analystAtScale, 360_000),
  ];
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
