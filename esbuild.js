// Bundles the extension for VS Code. Type checking is separate: `npm run typecheck`.
//   dist/extension.js       the entry VS Code loads (src/startup/loader.ts): runs dist/main.js from a V8 code cache
//   dist/main.js            what start-up needs (src/extension.ts)
//   dist/lazy/onFirstUse.js what it does not (src/startup/onFirstUse.ts), sharing main.js's modules
//   dist/lazy/<package>.js  packages start-up does not need
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * node-fetch v2 prefers Node's own URL (`Url.URL || whatwgUrl.URL`) and only falls back to the
 * whatwg-url polyfill, whose Unicode tables are most of the bundle's weight. On Node 20 the
 * fallback is never taken, so the polyfill is replaced by Node's URL.
 */
const nodeUrlInsteadOfPolyfill = {
  name: 'node-url-instead-of-whatwg-url',
  setup(build) {
    build.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: 'whatwg-url', namespace: 'node-url' }));
    build.onLoad({ filter: /.*/, namespace: 'node-url' }, () => ({ contents: 'module.exports = { URL: require("url").URL };', loader: 'js' }));
  },
};

/**
 * esbuild converts each `import * as vscode` in CommonJS output with its own copy of the whole
 * API object (hundreds of properties, once per importing file) at load time. Routing every
 * import through one module makes that a single copy, which shortens activation.
 */
const vscodeApiOnce = {
  name: 'vscode-api-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-api' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-api' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, () => ({ contents: 'export * from "vscode";', loader: 'js' }));
  },
};

/**
 * Packages that start-up does not need, each bundled into a file of its own under dist/lazy/ and
 * required from the main bundle where first used (`require('node-fetch')` inside a function), so
 * activation neither reads nor parses them. Each is a leaf: nothing of the extension is inside.
 */
const LAZY_PACKAGES = ['node-fetch', 'jsonc-parser'];

/** `folder`: where dist/lazy/ is seen from the bundle being built. */
const lazyPackagesOutside = (folder) => ({
  name: 'lazy-packages-outside',
  setup(build) {
    const names = new RegExp(`^(${LAZY_PACKAGES.join('|')})$`);
    build.onResolve({ filter: names }, (args) => ({ path: `${folder}${args.path}.js`, external: true }));
  },
});

const FIRST_USE_ENTRY = 'src/startup/onFirstUse.ts';

/** In the start-up bundle, the `require('./onFirstUse')` of commandsOnFirstUse.ts reads the file of its own. */
const firstUseOutside = {
  name: 'first-use-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/onFirstUse$/ }, () => ({ path: './lazy/onFirstUse.js', external: true }));
  },
};

/**
 * A module's name in `sharedModules`: its path under src/, symbolic links resolved, so that both
 * builds name a module alike wherever they run from (the bench builds in a folder linking to src/).
 */
const SOURCES = fs.realpathSync('src');
const moduleKey = (file) => `src/${path.relative(SOURCES, fs.realpathSync(file)).split(path.sep).join('/')}`;

/**
 * In the part loaded on first use, a module the start-up bundle already holds is taken from it
 * (through dist/extension.js, which Node has loaded once), never bundled again: a second copy would
 * have state of its own (listeners, counters) and classes that `instanceof` does not recognise.
 * `used` collects the modules taken, which the start-up bundle then exports as `sharedModules`.
 */
const sharedFromStartUp = (startUpModules, used) => ({
  name: 'shared-from-start-up',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/extension\.js$/, namespace: 'start-up' }, (args) => ({ path: args.path, external: true }));
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'resolving' });
      const key = moduleKey(resolved.path);
      if (resolved.errors.length > 0 || !startUpModules.has(key)) return undefined;
      used.add(key);
      return { path: key, namespace: 'start-up' };
    });
    build.onLoad({ filter: /.*/, namespace: 'start-up' }, (args) => ({
      contents: `module.exports = require('../extension.js').sharedModules[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
  },
});

/** The start-up bundle's entry: the extension, and each module the part loaded on first use takes from it. */
function startUpEntry(shared) {
  const keys = [...shared].sort();
  return [
    "export { activate, deactivate } from './src/extension';",
    ...keys.map((key, i) => `import * as m${i} from ${JSON.stringify(path.join(SOURCES, key.slice('src/'.length)))};`),
    `export const sharedModules = { ${keys.map((key, i) => `${JSON.stringify(key)}: m${i}`).join(', ')} };`,
  ].join('\n');
}

/** Prints build results in the `$esbuild-watch` problem-matcher format. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
};

/** The three bundles of the extension; the start-up bundle is built last, once it is known which of its modules the other uses. */
async function buildExtension() {
  const startUp = { ...common, external: ['vscode'], plugins: [lazyPackagesOutside('./lazy/'), firstUseOutside, vscodeApiOnce] };
  const survey = await esbuild.build({ ...startUp, entryPoints: ['src/extension.ts'], write: false, metafile: true, sourcemap: false });
  // The metafile names inputs relative to the working folder; other namespaces (vscode-api:) are not files.
  const startUpModules = new Set(Object.keys(survey.metafile.inputs).filter((input) => !input.includes(':')).map(moduleKey));
  const shared = new Set();
  const firstUse = await esbuild.build({
    ...common,
    metafile: true,
    entryPoints: [FIRST_USE_ENTRY],
    outfile: 'dist/lazy/onFirstUse.js',
    external: ['vscode'],
    plugins: [sharedFromStartUp(startUpModules, shared), lazyPackagesOutside('./'), vscodeApiOnce],
  });
  const twice = Object.keys(firstUse.metafile.inputs).filter((input) => !input.includes(':') && startUpModules.has(moduleKey(input)));
  if (twice.length > 0) throw new Error(`bundled into both parts, which would give them two copies: ${twice.join(', ')}`);
  await Promise.all([
    esbuild.build({ ...startUp, stdin: { contents: startUpEntry(shared), resolveDir: process.cwd(), sourcefile: 'start-up.js' }, outfile: 'dist/main.js' }),
    esbuild.build({ ...common, entryPoints: ['src/startup/loader.ts'], outfile: 'dist/extension.js' }),
  ]);
}

async function main() {
  const packages = await esbuild.context({
    ...common,
    entryPoints: Object.fromEntries(LAZY_PACKAGES.map((name) => [`lazy/${name}`, name])),
    outdir: 'dist',
    // jsonc-parser's main build is UMD, whose `require('./impl/…')` calls esbuild cannot follow; its ES module build bundles whole.
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    plugins: [nodeUrlInsteadOfPolyfill],
  });
  await packages.rebuild();
  await packages.dispose();
  if (!watch) return buildExtension();
  // Watches every source of both parts; each change builds the three bundles again.
  const watcher = await esbuild.context({
    ...common,
    entryPoints: ['src/extension.ts', FIRST_USE_ENTRY, 'src/startup/loader.ts'],
    outdir: 'out/watch',
    write: false,
    external: ['vscode', ...LAZY_PACKAGES],
    plugins: [problemMatcherPlugin, { name: 'build-extension', setup: (build) => build.onEnd((result) => (result.errors.length === 0 ? buildExtension().catch(console.error) : undefined)) }],
  });
  await watcher.watch();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
