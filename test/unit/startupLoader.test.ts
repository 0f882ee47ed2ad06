import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The loader as compiled beside a bundle of our own, in a folder of its own (Node loads each path once). */
function installLoader(bundle: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pta-loader-'));
  fs.copyFileSync(path.join(__dirname, '..', '..', 'src', 'startup', 'loader.js'), path.join(folder, 'extension.js'));
  fs.writeFileSync(path.join(folder, 'main.js'), bundle);
  return folder;
}

const bundleAnswering = (answer: string) => `exports.activate = async () => ${JSON.stringify(answer)}; exports.sharedModules = { answer: ${JSON.stringify(answer)} };`;
const settle = () => new Promise((resolve) => setImmediate(resolve));

interface Loaded {
  activate(): Promise<string>;
  sharedModules: unknown;
}

/** As VS Code loads the extension's entry: Node's require of its path. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (file: string): Loaded => require(file) as Loaded;

describe('the start-up loader', () => {
  const folders: string[] = [];
  after(() => folders.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

  it('runs the bundle beside it, passes its shared modules on, and writes a code cache headed by the bundle digest once activated', async () => {
    const bundle = bundleAnswering('first');
    const folder = installLoader(bundle);
    folders.push(folder);
    const loaded = load(path.join(folder, 'extension.js'));
    assert.deepEqual(loaded.sharedModules, { answer: 'first' });
    assert.equal(fs.existsSync(path.join(folder, 'main.js.v8cache')), false, 'no cache before the first activation');
    assert.equal(await loaded.activate(), 'first');
    await settle();
    const cache = fs.readFileSync(path.join(folder, 'main.js.v8cache'));
    assert.deepEqual(cache.subarray(0, 32), createHash('sha256').update(bundle).digest());
    assert.ok(cache.length > 32, 'V8 code follows the digest');
  });

  it('never runs a cache made for another bundle of the same length: it compiles the bundle and writes the cache again', async () => {
    const old = bundleAnswering('older');
    const folder = installLoader(old);
    folders.push(folder);
    await (load(path.join(folder, 'extension.js'))).activate();
    await settle();
    const renamed = path.join(folder, 'first.js');
    fs.renameSync(path.join(folder, 'extension.js'), renamed);
    const newer = bundleAnswering('newer');
    assert.equal(newer.length, old.length);
    fs.writeFileSync(path.join(folder, 'main.js'), newer);
    fs.copyFileSync(renamed, path.join(folder, 'again.js'));
    const loaded = load(path.join(folder, 'again.js'));
    assert.equal(await loaded.activate(), 'newer');
    await settle();
    assert.deepEqual(fs.readFileSync(path.join(folder, 'main.js.v8cache')).subarray(0, 32), createHash('sha256').update(newer).digest());
  });
});
