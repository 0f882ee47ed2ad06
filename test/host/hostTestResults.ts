// What the in-host suite (suite/index.ts) writes and the drivers (runHostTests.ts in code-server,
// runDesktopTests.ts in desktop VS Code) read and print with ../support/specReport.ts.

/** Written into the first workspace folder of the window under test. */
export const resultsFileName = '.host-test-results.json';

export type { SpecTestResult as HostTestResult, SpecResults as HostTestResults } from '../support/specReport';

/** What the drivers say when the suite found no test files. */
export const nothingRanMessage = 'No host tests ran: expected out/test/host/suite/**/*.test.js.';
