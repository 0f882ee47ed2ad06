// The extension host's stalls, as the extension records them when the journey's environment names
// a file (src/hostStalls.ts): the journey marks when each action it measures began and ended, and
// reads the longest stall overlapping it.
import * as fs from 'node:fs';
import { STALLS_RECORDED_FROM_MS } from '../../src/util/hostStalls';

/** A measured action, in epoch milliseconds on this machine's clock, which the host shares. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

export class HostStallLog {
  constructor(readonly file: string) {}

  /** The longest stall overlapping `span`, in ms; 0 when every gap was under the recorded minimum. */
  longestDuring(span: Span): number {
    let longest = 0;
    for (const { endedAt, ms } of this.stalls()) {
      if (endedAt >= span.from && endedAt - ms <= span.to) longest = Math.max(longest, ms);
    }
    return longest;
  }

  /** Whether the host has recorded anything at all: a 50,000-event load cannot pass without a stall. */
  get isRecording(): boolean {
    return this.stalls().length > 0;
  }

  private stalls(): Array<{ endedAt: number; ms: number }> {
    if (!fs.existsSync(this.file)) return [];
    return fs
      .readFileSync(this.file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { endedAt: number; ms: number });
  }
}

/** "longest host stall 84 ms", or under the minimum the host records. */
export function stallWords(ms: number): string {
  return ms > 0 ? `longest host stall ${ms.toLocaleString('en-US')} ms` : `no host stall of ${STALLS_RECORDED_FROM_MS} ms or more`;
}
