// What the in-host suite (hostSuite.ts) writes and the launcher (measureActivation.ts) reads.

/** Written into the workspace folder of the window under test. */
export const ACTIVATION_RESULT_FILE = '.bench-activation.json';

export type ActivationResult =
  | {
      /** Wall time of `extension.activate()`: the host loading dist/extension.js, then calling and awaiting activate(). */
      activateMs: number;
      /** The loading part, from the host's own performance marks (whole milliseconds); undefined if the host has none. */
      codeLoadingMs?: number;
      vscodeVersion: string;
    }
  | { error: string };
