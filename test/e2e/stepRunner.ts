// Runs the journey's steps in order, each with its own time limit and screenshot, stops at
// the first failure, and turns the outcome into results for the spec-style report.
import * as path from 'node:path';
import type { SpecResults } from '../support/specReport';

export interface Step {
  /** Shown in the report, e.g. "signs in through the command palette". */
  readonly title: string;
  /** Names the step's screenshot, e.g. "sign-in" gives 02-sign-in.png. */
  readonly slug: string;
  readonly run: () => Promise<void>;
  readonly timeoutMs?: number;
}

export interface StepHooks {
  /** Saves a screenshot to the given file; must not throw. */
  screenshot(file: string): Promise<void>;
  /** Rejects once the run is interrupted (SIGINT, SIGTERM); never resolves otherwise. */
  interrupted: Promise<never>;
}

export interface StepResult {
  readonly step: Step;
  readonly state: 'passed' | 'failed' | 'skipped';
  readonly durationMs: number;
  readonly error?: Error;
  readonly screenshot?: string;
}

export class Interrupted extends Error {
  constructor(signal: string) {
    super(`interrupted by ${signal}`);
  }
}

const defaultStepTimeoutMs = 60_000;

export async function runSteps(steps: readonly Step[], screenshotDir: string, hooks: StepHooks): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const [index, step] of steps.entries()) {
    if (results.some((r) => r.state === 'failed')) {
      results.push({ step, state: 'skipped', durationMs: 0 });
      continue;
    }
    const prefix = String(index + 1).padStart(2, '0');
    const started = Date.now();
    try {
      await withTimeLimit(step.run(), step.timeoutMs ?? defaultStepTimeoutMs, hooks.interrupted);
      const screenshot = path.join(screenshotDir, `${prefix}-${step.slug}.png`);
      await hooks.screenshot(screenshot);
      results.push({ step, state: 'passed', durationMs: Date.now() - started, screenshot });
    } catch (error) {
      const screenshot = path.join(screenshotDir, `${prefix}-${step.slug}-FAILED.png`);
      await hooks.screenshot(screenshot);
      results.push({ step, state: 'failed', durationMs: Date.now() - started, error: asError(error), screenshot });
      if (error instanceof Interrupted) {
        break;
      }
    }
  }
  return results;
}

/** `work`, unless the time limit or an interruption comes first. */
export function withTimeLimit<T>(work: Promise<T>, timeoutMs: number, interrupted: Promise<never>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs);
  });
  // A step abandoned by its time limit fails later, once the browser is closed: ignore that.
  work.catch(() => undefined);
  return Promise.race([work, timeout, interrupted]).finally(() => clearTimeout(timer));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** The steps as spec results: numbered titles under the suite's, skipped ones pending, failures naming their screenshot. */
export function specResults(suiteTitle: string, results: readonly StepResult[], totalMs: number, relativeTo: string): SpecResults {
  return {
    durationMs: totalMs,
    tests: results.map((result, index) => ({
      titlePath: [suiteTitle, `${index + 1}. ${result.step.title}`],
      state: result.state === 'skipped' ? 'pending' : result.state,
      durationMs: result.durationMs,
      error:
        result.state === 'failed'
          ? { message: [result.error?.message ?? 'failed without an error', result.screenshot && `Screenshot: ${path.relative(relativeTo, result.screenshot)}`].filter(Boolean).join('\n') }
          : undefined,
    })),
  };
}
