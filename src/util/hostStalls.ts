import * as fs from 'node:fs';

/** Names the file the extension host's stalls are appended to, in development and test runs only. */
export const HOST_STALLS_FILE_VARIABLE = 'PTA_HOST_STALLS_FILE';

const TICK_MS = 10;
/** Shorter gaps are the timer's own jitter, not worth a line. */
export const STALLS_RECORDED_FROM_MS = 20;

let recording: NodeJS.Timeout | undefined;

/**
 * Appends to `file` one JSON line per stall of the extension host's event loop,
 * `{"endedAt": epoch ms, "ms": length}`: the time between two ticks of a 10 ms timer, so at most one
 * tick more than the longest task run in between. A tool reading the file takes the longest stall
 * overlapping what it measured. One recording per host process, whatever the activations: the timer
 * does not keep the host alive and ends with it, or at the first write that fails.
 */
export function recordHostStalls(file: string): void {
  if (recording) return;
  let last = performance.now();
  recording = setInterval(() => {
    const now = performance.now();
    const gap = now - last;
    last = now;
    if (gap < STALLS_RECORDED_FROM_MS) return;
    try {
      fs.appendFileSync(file, `${JSON.stringify({ endedAt: Date.now(), ms: Math.round(gap) })}\n`);
    } catch {
      clearInterval(recording);
    }
  }, TICK_MS);
  recording.unref();
}
