import { generateEvents } from './data';
import { DEMO_PASSWORD, DEMO_RADIUS_ANSWER, DEMO_USERNAME, PvwaSimulator, TimestampUnit } from './server';

const USAGE = `Usage: node out/test/simulator/cli.js [--port 8080] [--events 500] [--seed 1]
       [--unit auto|seconds|milliseconds] [--app-path /PasswordVault] [--radius-rounds 1]
--port 0 picks a free port.`;

interface CliOptions {
  port: number;
  events: number;
  seed: number;
  unit: TimestampUnit;
  appPath: string;
  radiusRounds: number;
}

const UNITS: TimestampUnit[] = ['auto', 'seconds', 'milliseconds'];

function parseArguments(args: string[]): CliOptions {
  const options: CliOptions = { port: 8080, events: 500, seed: 1, unit: 'auto', appPath: '/PasswordVault', radiusRounds: 1 };
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
  });
  // Once the server and its sockets are closed nothing is left to run, so the process ends by itself.
  // The handlers go in before the line is printed: whoever reads that line may signal at once.
  const shutdown = () => void simulator.stop();
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await simulator.start();
  console.log(
    `PVWA simulator on ${simulator.appUrl} (${options.events} events, fromUpdateDate read as ${options.unit}); ` +
      `sign in as ${DEMO_USERNAME} / ${DEMO_PASSWORD}, RADIUS code ${DEMO_RADIUS_ANSWER}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
