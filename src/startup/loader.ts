// The entry VS Code loads (dist/extension.js). It runs the extension's bundle (dist/main.js) from a
// V8 code cache kept beside it, so that every start after the first skips compiling the bundle.
// Node 20, which the extension host runs on, has no module.enableCompileCache() to do this.
// Nothing here may import vscode or the extension's modules: this file is bundled on its own.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type * as Main from '../extension';

const BUNDLE = path.join(__dirname, 'main.js');
const CACHE = path.join(__dirname, 'main.js.v8cache');
/** A cache starts with the bundle's digest: V8 itself checks only the source's length, not its text. */
const DIGEST_BYTES = 32;

type ModuleFunction = (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;

const source = fs.readFileSync(BUNDLE, 'utf8');
const digest = createHash('sha256').update(source).digest();
const cachedData = readCache(digest);
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: BUNDLE, cachedData });
const bundleModule = { exports: {} as typeof Main & { sharedModules?: unknown } };
// The bundle requires through this module, inside the extension's folder, so VS Code hands it its `vscode` API.
(script.runInThisContext() as ModuleFunction).call(bundleModule.exports, bundleModule.exports, require, bundleModule, BUNDLE, __dirname);
const main = bundleModule.exports;
const cacheWanted = cachedData === undefined || script.cachedDataRejected === true;

function readCache(expected: Buffer): Buffer | undefined {
  try {
    const file = fs.readFileSync(CACHE);
    return file.subarray(0, DIGEST_BYTES).equals(expected) ? file.subarray(DIGEST_BYTES) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Written once the first activation is over, so the functions start-up compiled on the way are in it too.
 * Written whole and renamed, so another window never reads half a cache. A folder that cannot be
 * written (an installation shared read-only) only means every start compiles the bundle.
 */
function writeCache(): void {
  const partial = `${CACHE}.${process.pid}.partial`;
  try {
    fs.accessSync(__dirname, fs.constants.W_OK);
    fs.writeFileSync(partial, Buffer.concat([digest, script.createCachedData()]));
    fs.renameSync(partial, CACHE);
  } catch {
    fs.rmSync(partial, { force: true });
  }
}

export async function activate(...args: Parameters<typeof Main.activate>): ReturnType<typeof Main.activate> {
  const api = await main.activate(...args);
  if (cacheWanted) setImmediate(writeCache);
  return api;
}

export const deactivate = main.deactivate;

/** The bundle's modules that its part loaded on first use (dist/lazy/onFirstUse.js) shares: see esbuild.js. */
export const sharedModules = main.sharedModules;
