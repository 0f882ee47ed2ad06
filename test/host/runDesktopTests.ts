// Runs the same extension-host suite in desktop VS Code, downloaded by @vscode/test-electron:
// for a machine with internet access and a display (or xvfb-run). npm test uses code-server
// instead (runHostTests.ts), since VS Code cannot be downloaded where it runs.
//
//   npm run compile-tests && npm run build && node out/test/host/runDesktopTests.js
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { projectRoot } from './codeServer';
import { printSpecReport } from '../support/specReport';
import { nothingRanMessage, resultsFileName, type HostTestResults } from './hostTestResults';

async function main(): Promise<number> {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pta-desktop-tests-'));
  const workspaceFolder = path.join(tempDir, 'workspace');
  fs.mkdirSync(workspaceFolder, { recursive: true });
  try {
    await runTests({
      version: process.env.PTA_VSCODE_VERSION || '1.100.3',
      extensionDevelopmentPath: projectRoot,
      extensionTestsPath: path.join(__dirname, 'suite', 'index'),
      launchArgs: [workspaceFolder, '--disable-extensions', '--user-data-dir', path.join(tempDir, 'user-data')],
    });
    const results = JSON.parse(fs.readFileSync(path.join(workspaceFolder, resultsFileName), 'utf8')) as HostTestResults;
    return printSpecReport(results, nothingRanMessage);
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
