import * as os from 'node:os';

export interface Machine {
  cores: number;
  cpu: string;
  node: string;
  /** One-minute load average at the start and at the end of the run: other work on the machine skews every timing. */
  loadAverage1m: [number, number];
}

/** Call at the start of the run; the answer completes the description at its end. */
export function startDescribingMachine(): () => Machine {
  const loadAtStart = oneMinuteLoad();
  return () => ({
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    loadAverage1m: [loadAtStart, oneMinuteLoad()],
  });
}

function oneMinuteLoad(): number {
  return Number(os.loadavg()[0].toFixed(2));
}
