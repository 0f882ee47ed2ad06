// What the in-host suite (suite/index.ts) writes and the driver (runHostTests.ts) reads.

/** Written into the first workspace folder of the window under test. */
export const resultsFileName = '.host-test-results.json';

export interface HostTestResult {
  /** Enclosing `describe` titles, then the test's (or failing hook's) own title. */
  titlePath: string[];
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: { message: string; stack?: string };
}

export interface HostTestResults {
  durationMs: number;
  tests: HostTestResult[];
}
