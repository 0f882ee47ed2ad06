import { performance } from 'node:perf_hooks';

/** Rounds run and thrown away first (JIT, caches, connections), then the rounds measured. */
export interface RoundPlan {
  warmupRounds: number;
  rounds: number;
}

/** The value below which the fraction `q` of the samples lie, interpolating between neighbours. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new Error('quantile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

export async function timeAsync<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

export function timeSync<T>(work: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = work();
  return { ms: performance.now() - started, value };
}

/**
 * A full collection, so one measurement does not pay for the garbage of the one before. Waits for
 * the next turn of the event loop first: until then Node's HTTP machinery still holds on to the
 * last answer. Needs --expose-gc.
 */
export async function collectGarbage(): Promise<void> {
  const gc = global.gc;
  if (!gc) throw new Error('run with node --expose-gc');
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  gc();
}
