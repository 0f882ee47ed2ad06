// Prints test results the way mocha's spec reporter does, for the runners that collect results
// themselves: the extension-host suite's drivers and the browser journey.

export interface SpecTestResult {
  /** Enclosing `describe` titles, then the test's (or failing hook's) own title. */
  titlePath: string[];
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: { message: string; stack?: string };
}

export interface SpecResults {
  durationMs: number;
  tests: SpecTestResult[];
}

// Mocha's spec reporter shows a passing test's duration from half its default 75 ms "slow".
const showDurationAboveMs = 37;

/** Prints the results in mocha's spec style; returns the exit code, 1 also when nothing ran. */
export function printSpecReport({ tests, durationMs }: SpecResults, whenNothingRan: string): number {
  console.log('');
  let printedPath: string[] = [];
  const failures = tests.filter((test) => test.state === 'failed');
  for (const test of tests) {
    const suites = test.titlePath.slice(0, -1);
    const common = commonPrefixLength(printedPath, suites);
    suites.slice(common).forEach((title, i) => console.log(`${indent(common + i + 1)}${title}`));
    printedPath = suites;

    const title = test.titlePath[test.titlePath.length - 1];
    const mark =
      test.state === 'passed' ? `✔ ${title}` : test.state === 'pending' ? `- ${title}` : `${failures.indexOf(test) + 1}) ${title}`;
    const duration = test.state === 'passed' && test.durationMs > showDurationAboveMs ? ` (${test.durationMs}ms)` : '';
    console.log(`${indent(suites.length + 1)}${mark}${duration}`);
  }

  const count = (state: string) => tests.filter((test) => test.state === state).length;
  console.log('');
  console.log(`  ${count('passed')} passing (${(durationMs / 1000).toFixed(1)}s)`);
  if (count('pending') > 0) {
    console.log(`  ${count('pending')} pending`);
  }
  if (failures.length > 0) {
    console.log(`  ${failures.length} failing`);
  }
  failures.forEach((failure, i) => {
    console.log('');
    console.log(`  ${i + 1}) ${failure.titlePath.join('\n       ')}:`);
    console.log(`     ${failure.error?.stack ?? failure.error?.message ?? 'failed without an error'}`.replace(/\n/g, '\n     '));
  });
  console.log('');

  if (tests.length === 0) {
    console.error(whenNothingRan);
    return 1;
  }
  return failures.length > 0 ? 1 : 0;
}

function commonPrefixLength(a: string[], b: string[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) {
    i++;
  }
  return i;
}

function indent(level: number): string {
  return '  '.repeat(level);
}

