// Starts the code-server installed by install-host.sh (a real VS Code 1.100 served over
// HTTP) and opens Chromium on it. See VSCODE-HOST.md in the shared folder beside this repository.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const projectRoot = path.resolve(__dirname, '..', '..', '..');

const codeServerEntry = path.join(
  projectRoot,
  '.vscode-test',
  'code-server',
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);

const baseSettings: Record<string, unknown> = {
  // Otherwise a trust dialog blocks the window.
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  // Workspace folders may sit inside this repository; don't offer to open it.
  'git.openRepositoryInParentFolders': 'never',
};

export interface CodeServerOptions {
  workspaceFolder: string;
  userDataDir: string;
  extensionsDir: string;
  settings?: Record<string, unknown>;
  port?: number;
  /** Where code-server's stdout and stderr go; defaults to `userDataDir/code-server.log`. */
  logFile?: string;
  /** Added to code-server's environment, which its extension host inherits. */
  env?: Record<string, string>;
}

export interface CodeServer {
  port: number;
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  if (!fs.existsSync(codeServerEntry)) {
    throw new Error(`code-server is not installed at ${codeServerEntry}: run bash test/host/install-host.sh`);
  }
  writeUserSettings(opts.userDataDir, { ...baseSettings, ...opts.settings });
  fs.mkdirSync(opts.extensionsDir, { recursive: true });
  fs.mkdirSync(opts.workspaceFolder, { recursive: true });

  const port = opts.port ?? (await findFreePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = opts.logFile ?? path.join(opts.userDataDir, 'code-server.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'a');

  const child = spawn(
    process.execPath,
    [
      codeServerEntry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      // Keeps code-server from writing a config file into the home folder.
      '--config', path.join(opts.userDataDir, 'code-server.yaml'),
      '--user-data-dir', opts.userDataDir,
      '--extensions-dir', opts.extensionsDir,
      opts.workspaceFolder,
    ],
    // Its own process group, so stop() can end code-server together with the
    // extension hosts and helpers it forks.
    { detached: true, stdio: ['ignore', log, log], env: { ...process.env, ...opts.env } },
  );
  fs.closeSync(log);

  const groupId = child.pid;
  if (groupId === undefined) {
    throw new Error('code-server did not start (no process id)');
  }
  const killGroupNow = () => signalGroup(groupId, 'SIGKILL');
  // Last resort if the caller exits without calling stop().
  process.on('exit', killGroupNow);

  const stop = async () => {
    process.off('exit', killGroupNow);
    signalGroup(groupId, 'SIGTERM');
    if (!(await waitForGroupToEnd(groupId, 5000))) {
      signalGroup(groupId, 'SIGKILL');
      await waitForGroupToEnd(groupId, 5000);
    }
  };

  try {
    await waitForHttp(`${baseUrl}/healthz`, 60_000, () => child.exitCode !== null || child.signalCode !== null);
  } catch (error) {
    await stop();
    throw new Error(`code-server did not come up on ${baseUrl}: ${(error as Error).message}; log: ${logFile}`);
  }
  return { port, baseUrl, stop };
}

/**
 * The address that opens `workspaceFolder` with the extension at `extensionDevelopmentPath`
 * loaded as in development, and, when given, runs the test module at `extensionTestsPath`
 * (its exported `run()`) inside the extension host.
 */
export function payloadUrl(
  baseUrl: string,
  workspaceFolder: string,
  extensionDevelopmentPath: string,
  extensionTestsPath?: string,
): string {
  const remote = (absolutePath: string) => `vscode-remote://${new URL(baseUrl).host}${absolutePath}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)]];
  if (extensionTestsPath !== undefined) {
    payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  }
  const url = new URL(baseUrl);
  url.search = `?folder=${encodeURIComponent(workspaceFolder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url.toString();
}

/**
 * Headless Debian Chromium. Playwright gives every launch a fresh temporary profile.
 * Signal handling is left to the caller, which must close the browser.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    // Without the networking flags Chromium keeps trying hosts this closed network refuses.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

/** `preferred` when it is free on loopback, otherwise any free loopback port. */
export async function findFreePort(preferred?: number): Promise<number> {
  if (preferred && (await canListen(preferred))) {
    return preferred;
  }
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const userDir = path.join(userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify(settings, null, 2));
}

async function waitForHttp(url: string, timeoutMs: number, hasExited: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    if (hasExited()) {
      throw new Error('the process exited');
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) {
        return;
      }
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await sleep(200);
  }
  throw new Error(`no answer within ${timeoutMs / 1000} s (${lastError})`);
}

function signalGroup(groupId: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-groupId, signal);
  } catch {
    // The group has already ended.
  }
}

async function waitForGroupToEnd(groupId: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(-groupId, 0);
    } catch {
      return true;
    }
    await sleep(100);
  }
  return false;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
