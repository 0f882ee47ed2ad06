/**
 * jsonc-parser, required when a document is first read rather than at start-up: the bundle keeps
 * it in a file of its own (esbuild.js), so activation does not parse it.
 */
export function jsoncParser(): typeof import('jsonc-parser') {
  return require('jsonc-parser') as typeof import('jsonc-parser');
}
