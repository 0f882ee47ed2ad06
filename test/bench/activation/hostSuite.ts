// Loaded by VS Code as the extensionTestsPath module, so run() executes inside the real
// extension host: times the first activation of the extension under development.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { ACTIVATION_RESULT_FILE, ActivationResult } from './activationResult';

/** Lets the host finish activating the built-in extensions, whose work would otherwise interleave with ours. */
const SETTLE_MS = 2000;

const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');

export async function run(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  let result: ActivationResult;
  try {
    result = await measureFirstActivation();
  } catch (error) {
    result = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  writeResult(result);
}

async function measureFirstActivation(): Promise<ActivationResult> {
  const id = extensionId();
  const extension = vscode.extensions.getExtension(id);
  if (!extension) return { error: `${id} is not loaded in this window` };
  // activationEvents is empty: only opening the view or running a command activates it, and nothing here does.
  if (extension.isActive) return { error: `${id} was already active before the measurement` };
  const started = performance.now();
  await extension.activate();
  return { activateMs: performance.now() - started, codeLoadingMs: hostCodeLoadingMs(id), vscodeVersion: vscode.version };
}

function extensionId(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${manifest.publisher}.${manifest.name}`;
}

interface PerformanceMark {
  name: string;
  startTime: number;
}

/** VS Code's extension host marks around loading each extension's code, on a global of its own (not public API). */
function hostCodeLoadingMs(id: string): number | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): PerformanceMark[] } }).MonacoPerformanceMarks?.getMarks() ?? [];
  const at = (name: string) => marks.find((mark) => mark.name === `code/extHost/${name}/${id}`)?.startTime;
  const willLoad = at('willLoadExtensionCode');
  const didLoad = at('didLoadExtensionCode');
  return willLoad !== undefined && didLoad !== undefined ? didLoad - willLoad : undefined;
}

function writeResult(result: ActivationResult): void {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the activation bench needs a workspace folder to write its result into');
  const file = path.join(folder.uri.fsPath, ACTIVATION_RESULT_FILE);
  // Written whole, then renamed, so the launcher never reads half a file.
  fs.writeFileSync(`${file}.partial`, JSON.stringify(result));
  fs.renameSync(`${file}.partial`, file);
}
