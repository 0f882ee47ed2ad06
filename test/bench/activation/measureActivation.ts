// Runs hostSuite.ts in a real VS Code (code-server, as the host tests do) twice per round, each
// time a new window and so a new extension host that has not activated the extension yet: first
// with the code cache removed (the first start after an installation or an update, which writes
// the cache), then with it (every later start).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { CodeServer, launchChromium, payloadUrl, projectRoot, sleep, startCodeServer } from '../../host/codeServer';
import { RoundPlan } from '../stats';
import { ACTIVATION_RESULT_FILE, ActivationResult } from './activationResult';

const suiteModule = path.join(__dirname, 'hostSuite');
const codeServerLog = path.join(projectRoot, 'test-results', 'bench-code-server.log');
const ROUND_TIMEOUT_MS = 90_000;

export interface ActivationSamples {
  /** Every start but the first: the code cache is there. */
  activateMs: number[];
  /** Empty when the host does not mark its code loading. */
  codeLoadingMs: number[];
  /** The first start after an installation or an update: no code cache yet. */
  firstStartMs: number[];
  firstStartCodeLoadingMs: number[];
  vscodeVersion: string;
}

const CODE_CACHE = path.join(projectRoot, 'dist', 'main.js.v8cache');

export async function measureActivation(plan: RoundPlan): Promise<ActivationSamples> {
  const samples: ActivationSamples = { activateMs: [], codeLoadingMs: [], firstStartMs: [], firstStartCodeLoadingMs: [], vscodeVersion: '' };
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pta-bench-activation-'));
  fs.rmSync(codeServerLog, { force: true });
  let codeServer: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    codeServer = await startCodeServer({
      workspaceFolder: path.join(tempDir, 'workspace'),
      userDataDir: path.join(tempDir, 'user-data'),
      extensionsDir: path.join(tempDir, 'extensions'),
      logFile: codeServerLog,
    });
    browser = await launchChromium();
    for (let round = 0; round < plan.warmupRounds + plan.rounds; round++) {
      fs.rmSync(CODE_CACHE, { force: true });
      const first = await runRound(codeServer, browser, path.join(tempDir, `round-${round}-first`));
      if (!fs.existsSync(CODE_CACHE)) throw new Error('the first start wrote no code cache');
      const later = await runRound(codeServer, browser, path.join(tempDir, `round-${round}`));
      for (const result of [first, later]) if ('error' in result) throw new Error(`activation round ${round + 1}: ${result.error}`);
      if (round < plan.warmupRounds || 'error' in first || 'error' in later) continue;
      samples.firstStartMs.push(first.activateMs);
      samples.activateMs.push(later.activateMs);
      samples.vscodeVersion = later.vscodeVersion;
      if (first.codeLoadingMs !== undefined) samples.firstStartCodeLoadingMs.push(first.codeLoadingMs);
      if (later.codeLoadingMs !== undefined) samples.codeLoadingMs.push(later.codeLoadingMs);
    }
    return samples;
  } catch (error) {
    throw new Error(`${(error as Error).message} (VS Code's log: ${path.relative(projectRoot, codeServerLog)})`);
  } finally {
    await browser?.close().catch(() => undefined);
    await codeServer?.stop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

async function runRound(codeServer: CodeServer, browser: Browser, workspaceFolder: string): Promise<ActivationResult> {
  fs.mkdirSync(workspaceFolder, { recursive: true });
  const page = await browser.newPage();
  try {
    await page.goto(payloadUrl(codeServer.baseUrl, workspaceFolder, projectRoot, suiteModule));
    return await waitForResult(path.join(workspaceFolder, ACTIVATION_RESULT_FILE));
  } finally {
    await page.close();
  }
}

async function waitForResult(file: string): Promise<ActivationResult> {
  const deadline = Date.now() + ROUND_TIMEOUT_MS;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`no result from the extension host within ${ROUND_TIMEOUT_MS / 1000} s`);
    await sleep(100);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ActivationResult;
}
