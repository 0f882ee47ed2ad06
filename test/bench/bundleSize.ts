import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Bytes of the production bundle (`node esbuild.js --production`), built in a temporary folder so
 * the development build in dist/ that the tests load stays as it is. esbuild.js takes its entry,
 * output and package aliases relative to the working folder: src and node_modules are linked there.
 */
export function productionBundleBytes(projectRoot: string): number {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { main: string };
  const buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pta-bench-bundle-'));
  try {
    fs.symlinkSync(path.join(projectRoot, 'src'), path.join(buildDir, 'src'));
    fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(buildDir, 'node_modules'));
    execFileSync(process.execPath, [path.join(projectRoot, 'esbuild.js'), '--production'], { cwd: buildDir, stdio: 'pipe' });
    return fs.statSync(path.join(buildDir, manifest.main)).size;
  } finally {
    fs.rmSync(buildDir, { recursive: true, force: true });
  }
}
