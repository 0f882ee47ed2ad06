// Runs the mocha suite in test/host/suite inside a real VS Code (code-server) driven by
// headless Chromium, prints the results as mocha's spec reporter does, and exits non-zero
// on any failure, on no tests at all, or on a time-out.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, payloadUrl, projectRoot, sleep, startCodeServer, type CodeServer } from './codeServer';
import { printSpecReport } from '../support/specReport';
import { nothingRanMessage, resultsFileName, type HostTestResults } from './hostTestResults';

const timeoutMs = Number(process.env.PTA_HOST_TEST_TIMEOUT_MS || 10 * 60_000);
const artifactsDir = path.join(projectRoot, 'test-results');
const codeServerLog = path.join(artifactsDir, 'host-code-server.log');
const browserLog = path.join(artifactsDir, 'host-browser.log');
const screenshot = path.join(artifactsDir, 'host-final.png');
const suiteModule = path.join(__dirname, 'suite', 'index');

class Interrupted extends Error {}

async function main(): Promise<number> {
  const interruption = new AbortController();
  const interrupt = (signal: NodeJS.Signals) => {
    console.error(`\nReceived ${signal}: stopping.`);
    interruption.abort();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);

  fs.mkdirSync(artifactsDir, { recursive: true });
  fs.rmSync(codeServerLog, { force: true });
  fs.rmSync(browserLog, { force: true });
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pta-host-tests-'));
  const workspaceFolder = path.join(tempDir, 'workspace');
  const resultsFile = path.join(workspaceFolder, resultsFileName);

  let codeServer: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  try {
    codeServer = await startCodeServer({
      workspaceFolder,
      userDataDir: path.join(tempDir, 'user-data'),
      extensionsDir: path.join(tempDir, 'extensions'),
      logFile: codeServerLog,
    });
    throwIfAborted(interruption.signal);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (message) => fs.appendFileSync(browserLog, `[${message.type()}] ${message.text()}\n`));
    await page.goto(payloadUrl(codeServer.baseUrl, workspaceFolder, projectRoot, suiteModule));

    const results = await waitForResults(resultsFile, interruption.signal);
    return printSpecReport(results, nothingRanMessage);
  } catch (error) {
    if (error instanceof Interrupted) {
      return 130;
    }
    console.error(`\nHost tests did not complete: ${(error as Error).message}`);
    console.error(`See ${path.relative(projectRoot, codeServerLog)}, ${path.relative(projectRoot, browserLog)} and ${path.relative(projectRoot, screenshot)}.`);
    return 1;
  } finally {
    await page?.screenshot({ path: screenshot }).catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await codeServer?.stop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

async function waitForResults(resultsFile: string, interruption: AbortSignal): Promise<HostTestResults> {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(resultsFile)) {
    throwIfAborted(interruption);
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs / 1000} s waiting for the extension host to write its test results (${resultsFileName}); ` +
          'set PTA_HOST_TEST_TIMEOUT_MS to wait longer',
      );
    }
    await sleep(250);
  }
  return JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as HostTestResults;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) {
    throw new Interrupted();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
