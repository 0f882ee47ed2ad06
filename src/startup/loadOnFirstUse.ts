import type * as OnFirstUse from './onFirstUse';

let loaded: typeof OnFirstUse | undefined;

/** The code start-up does not need (onFirstUse.ts), read and run the first time something asks for it. */
export function onFirstUse(): typeof OnFirstUse {
  // A require in a function: esbuild.js turns it into one of dist/lazy/onFirstUse.js, read only now.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('./onFirstUse') as typeof OnFirstUse);
}
