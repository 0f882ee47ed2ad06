// The demo behind `npm start` (run through start.sh, which builds first): the PVWA
// simulator plus code-server with the working tree loaded as the extension under
// development, until Ctrl+C.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_PASSWORD, DEMO_RADIUS_ANSWER, DEMO_USERNAME, PvwaSimulator } from '../simulator/server';
import { findFreePort, payloadUrl, projectRoot, startCodeServer, type CodeServer } from './codeServer';

const demoDir = path.join(projectRoot, '.vscode-test');
const workspaceFolder = path.join(demoDir, 'demo-workspace');
const codeServerLog = path.join(projectRoot, 'test-results', 'demo-code-server.log');

async function main(): Promise<void> {
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });

  const simulator = new PvwaSimulator({ port: Number(process.env.PTA_SIM_PORT ?? 0) });
  let codeServer: CodeServer | undefined;
  try {
    const simulatorUrl = await simulator.start();
    const wantedPort = Number(process.env.PTA_PORT || 8080);
    const port = await findFreePort(wantedPort);
    fs.mkdirSync(workspaceFolder, { recursive: true });
    codeServer = await startCodeServer({
      workspaceFolder,
      userDataDir: path.join(demoDir, 'demo-user-data'),
      extensionsDir: path.join(demoDir, 'demo-extensions'),
      settings: { 'cyberarkPta.url': simulatorUrl, 'cyberarkPta.username': DEMO_USERNAME },
      port,
      logFile: codeServerLog,
    });

    console.log('');
    console.log('CyberArk PTA demo is running.');
    if (port !== wantedPort) {
      console.log(`(port ${wantedPort} is busy, so VS Code is on ${port} instead)`);
    }
    console.log('');
    console.log('  Open this address in a browser on this machine (or forward its port):');
    console.log(`  ${payloadUrl(codeServer.baseUrl, workspaceFolder, projectRoot)}`);
    console.log('');
    console.log(`  PVWA simulator:        ${simulatorUrl}`);
    console.log(`  Username:              ${DEMO_USERNAME}`);
    console.log(`  Password:              ${DEMO_PASSWORD}`);
    console.log(`  RADIUS one-time code:  ${DEMO_RADIUS_ANSWER}`);
    console.log('');
    console.log(`  VS Code's log: ${path.relative(projectRoot, codeServerLog)}`);
    console.log('  Ctrl+C to stop.');

    const signal = await stopRequested;
    console.log(`\n${signal}: stopping the demo.`);
  } finally {
    await codeServer?.stop();
    await simulator.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`The demo failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
