import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { recordHostStalls, STALLS_RECORDED_FROM_MS } from '../../src/util/hostStalls';

function holdTheLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Busy: nothing else may run.
  }
}

describe('recordHostStalls', () => {
  it('writes one line for a task that held the event loop, at least as long as the task, and no gap shorter than the recorded minimum', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pta-stalls-'));
    const file = path.join(folder, 'stalls.jsonl');
    try {
      recordHostStalls(file);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const before = Date.now();
      holdTheLoop(150);
      const after = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const stalls = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { endedAt: number; ms: number });
      const held = stalls.filter((s) => s.endedAt >= after && s.endedAt - s.ms <= before);
      assert.equal(held.length, 1, `the stalls written: ${JSON.stringify(stalls)}`);
      assert.ok(held[0].ms >= 150 && held[0].ms < 150 + 100, `the hold of 150 ms was written as ${held[0].ms} ms`);
      assert.ok(stalls.every((s) => s.ms >= STALLS_RECORDED_FROM_MS), `a gap under ${STALLS_RECORDED_FROM_MS} ms was written: ${JSON.stringify(stalls)}`);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
