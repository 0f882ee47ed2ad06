// Bundles the extension into dist/extension.js and what start-up does not need into dist/lazy/. Type checking is separate: `npm run typecheck`.
const esbuild = require('esbuild');

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

const lazyPackagesOutside = {
  name: 'lazy-packages-outside',
  setup(build) {
    const names = new RegExp(`^(${LAZY_PACKAGES.join('|')})$`);
    build.onResolve({ filter: names }, (args) => ({ path: `./lazy/${args.path}.js`, external: true }));
  },
};

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

async function main() {
  const contexts = await Promise.all([
    esbuild.context({
      ...common,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      external: ['vscode'],
      plugins: [lazyPackagesOutside, vscodeApiOnce, problemMatcherPlugin],
    }),
    esbuild.context({
      ...common,
      entryPoints: Object.fromEntries(LAZY_PACKAGES.map((name) => [`lazy/${name}`, name])),
      outdir: 'dist',
      // jsonc-parser's main build is UMD, whose `require('./impl/…')` calls esbuild cannot follow; its ES module build bundles whole.
      alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
      plugins: [nodeUrlInsteadOfPolyfill],
    }),
  ]);
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
  } else {
    await Promise.all(contexts.map((ctx) => ctx.rebuild()));
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
