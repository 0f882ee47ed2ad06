// Runs inside the real extension host (loaded through the extensionTestsPath payload):
// every *.test.js beside this file, with mocha, results written as JSON for the driver.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { resultsFileName, type HostTestResult, type HostTestResults } from '../hostTestResults';

export async function run(): Promise<void> {
  const started = Date.now();
  const tests: HostTestResult[] = [];
  try {
    await runMocha(tests);
  } catch (error) {
    tests.push({ titlePath: ['loading the host test files'], state: 'failed', durationMs: 0, error: describeError(error) });
  }
  writeResults({ durationMs: Date.now() - started, tests });
}

function runMocha(tests: HostTestResult[]): Promise<void> {
  // PTA_HOST_GREP runs only the tests whose full title matches (code-server passes the
  // driver's environment on to the extension host); npm test never sets it.
  const grep = process.env.PTA_HOST_GREP;
  const mocha = new Mocha({ ui: 'bdd', timeout: 45_000, color: false, reporter: NoOutputReporter, ...(grep ? { grep } : {}) });
  for (const file of findTestFiles(__dirname)) {
    mocha.addFile(file);
  }
  const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on(EVENT_TEST_PASS, (test) => tests.push(resultOf(test, 'passed')));
    runner.on(EVENT_TEST_PENDING, (test) => tests.push(resultOf(test, 'pending')));
    // Also fires for failing hooks, whose title says which hook.
    runner.on(EVENT_TEST_FAIL, (test, error) => tests.push({ ...resultOf(test, 'failed'), error: describeError(error) }));
  });
}

class NoOutputReporter extends Mocha.reporters.Base {}

function findTestFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => path.join(folder, name));
}

function resultOf(test: Mocha.Runnable, state: HostTestResult['state']): HostTestResult {
  return { titlePath: test.titlePath(), state, durationMs: test.duration ?? 0 };
}

function describeError(error: unknown): HostTestResult['error'] {
  return error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
}

function writeResults(results: HostTestResults): void {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('the host tests need a workspace folder to write their results into');
  }
  const file = path.join(folder.uri.fsPath, resultsFileName);
  // Written whole, then renamed, so the driver never reads half a file.
  fs.writeFileSync(`${file}.partial`, JSON.stringify(results, null, 2));
  fs.renameSync(`${file}.partial`, file);
}
