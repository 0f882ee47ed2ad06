import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface BundleBytes {
  /** What start-up reads: the entry VS Code loads and the bundle it runs. */
  startUp: number;
  /** What the first use of a command, a details panel or a hover reads. */
  onFirstUse: number;
}

const START_UP = ['dist/extension.js', 'dist/main.js'];
const ON_FIRST_USE = ['dist/lazy/onFirstUse.js'];

/**
 * Bytes of the production bundles (`node esbuild.js --production`), built in a temporary folder so
 * the development build in dist/ that the tests load stays as it is. esbuild.js takes its entry,
 * output and package aliases relative to the working folder: src and node_modules are linked there.
 */
export function productionBundleBytes(projectRoot: string): BundleBytes {
  const buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pta-bench-bundle-'));
  try {
    fs.symlinkSync(path.join(projectRoot, 'src'), path.join(buildDir, 'src'));
    fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(buildDir, 'node_modules'));
    execFileSync(process.execPath, [path.join(projectRoot, 'esbuild.js'), '--production'], { cwd: buildDir, stdio: 'pipe' });
    const bytes = (files: string[]) => files.reduce((sum, file) => sum + fs.statSync(path.join(buildDir, file)).size, 0);
    return { startUp: bytes(START_UP), onFirstUse: bytes(ON_FIRST_USE) };
  } finally {
    fs.rmSync(buildDir, { recursive: true, force: true });
  }
}
