import { generateEvents } from './data';
import { DEMO_PASSWORD, DEMO_RADIUS_ANSWER, DEMO_USERNAME, PvwaSimulator, SessionPathId, TimestampUnit } from './server';

const USAGE = `Usage: node out/test/simulator/cli.js [--port 8080] [--events 500] [--seed 1]
       [--unit auto|seconds|milliseconds] [--app-path /PasswordVault] [--radius-rounds 1]
       [--version 14.2.0] [--auditor true] [--cpm-delay-ms 1500] [--session-path-id SessionID|SessionGuid]
--port 0 picks a free port. --version 10.4: an older vault (newer respond calls answer 404).
--auditor true: a read-only auditor (403 on the lists it may not see and on every action).`;

interface CliOptions {
  port: number;
  events: number;
  seed: number;
  unit: TimestampUnit;
  appPath: string;
  radiusRounds: number;
  version: string;
  auditor: boolean;
  cpmDelayMs: number;
  sessionPathId: SessionPathId;
}

const UNITS: TimestampUnit[] = ['auto', 'seconds', 'milliseconds'];

function parseArguments(args: string[]): CliOptions {
  const options: CliOptions = { port: 8080, events: 500, seed: 1, unit: 'auto', appPath: '/PasswordVault', radiusRounds: 1, version: '14.2.0', auditor: false, cpmDelayMs: 1500, sessionPathId: 'SessionID' };
  for (let index = 0; index < args.length; index += 2) {
    const [flag, value] = [args[index], args[index + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    switch (flag) {
      case '--port':
        options.port = wholeNumber(flag, value, 0);
        break;
      case '--events':
        options.events = wholeNumber(flag, value, 0);
        break;
      case '--seed':
        options.seed = wholeNumber(flag, value, 0);
        break;
      case '--unit':
        if (!UNITS.includes(value as TimestampUnit)) throw new Error(`--unit must be one of ${UNITS.join(', ')}`);
        options.unit = value as TimestampUnit;
        break;
      case '--app-path':
        options.appPath = value;
        break;
      case '--radius-rounds':
        options.radiusRounds = wholeNumber(flag, value, 1);
        break;
      case '--version':
        if (!/^\d+\.\d+(\.\d+)?$/.test(value)) throw new Error('--version must look like 14.2 or 10.4.0');
        options.version = value;
        break;
      case '--auditor':
        if (value !== 'true' && value !== 'false') throw new Error('--auditor must be true or false');
        options.auditor = value === 'true';
        break;
      case '--cpm-delay-ms':
        options.cpmDelayMs = wholeNumber(flag, value, 0);
        break;
      case '--session-path-id':
        if (value !== 'SessionID' && value !== 'SessionGuid') throw new Error('--session-path-id must be SessionID or SessionGuid');
        options.sessionPathId = value;
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  return options;
}

function wholeNumber(flag: string, value: string, min: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min) throw new Error(`${flag} must be a whole number of at least ${min}`);
  return number;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  let options: CliOptions;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const simulator = new PvwaSimulator({
    port: options.port,
    appPath: options.appPath,
    events: generateEvents({ count: options.events, seed: options.seed }),
    timestampUnit: options.unit,
    radiusChallengeRounds: options.radiusRounds,
    version: options.version,
    auditor: options.auditor,
    cpmDelayMs: options.cpmDelayMs,
    sessionPathId: options.sessionPathId,
  });
  // Once the server and its sockets are closed nothing is left to run, so the process ends by itself.
  // The handlers go in before the line is printed: whoever reads that line may signal at once.
  const shutdown = () => void simulator.stop();
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await simulator.start();
  console.log(
    `PVWA simulator on ${simulator.appUrl} (${options.events} events, fromUpdateDate read as ${options.unit}, version ${options.version}${options.auditor ? ', auditor' : ''}); ` +
      `sign in as ${DEMO_USERNAME} / ${DEMO_PASSWORD}, RADIUS code ${DEMO_RADIUS_ANSWER}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
