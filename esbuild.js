// Bundles the extension into dist/extension.js. Type checking is separate: `npm run typecheck`.
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

async function main() {
  const ctx = await esbuild.context({
    entryPoints: ['src/extension.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    sourcemap: !production,
    sourcesContent: false,
    outfile: 'dist/extension.js',
    external: ['vscode'],
    // jsonc-parser's main build is UMD, whose `require('./impl/…')` calls esbuild cannot follow; its ES module build bundles whole.
    alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
    logLevel: 'silent',
    plugins: [nodeUrlInsteadOfPolyfill, vscodeApiOnce, problemMatcherPlugin],
  });
  if (watch) {
    await ctx.watch();
  } else {
    await ctx.rebuild();
    await ctx.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
