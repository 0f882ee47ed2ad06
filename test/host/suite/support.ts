import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../../src/services';
import { parseVaultAddress } from '../../../src/api/baseUrl';
import { generateEvents, RawEvent } from '../../simulator/data';
import { DEMO_PASSWORD, DEMO_USERNAME, PvwaSimulator, SimulatorOptions } from '../../simulator/server';

export const EXTENSION_ID = 'pta-triage.cyberark-pta';

export async function extensionApi(): Promise<Services> {
  const extension = vscode.extensions.getExtension<Services>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

export async function setSettings(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('cyberarkPta');
  for (const [key, value] of Object.entries(values)) {
    await config.update(key, value, vscode.ConfigurationTarget.Global);
  }
}

/** A simulator with a known data set, and the extension pointed at it (auto-refresh off). */
export async function startVault(options: SimulatorOptions & { count?: number; seed?: number } = {}): Promise<PvwaSimulator> {
  const events = options.events ?? generateEvents({ count: options.count ?? 60, seed: options.seed ?? 7, now: Date.now() });
  const sim = new PvwaSimulator({ ...options, events });
  await sim.start();
  await setSettings({ url: sim.baseUrl, username: DEMO_USERNAME, authMethod: 'CyberArk', autoRefreshSeconds: 0, lookbackDays: 30, fromUpdateDateUnit: 'auto' });
  return sim;
}

/** Signs in with the demo password (as if typed) and waits for the first load. */
export async function signIn(api: Services, vault: PvwaSimulator | string, password = DEMO_PASSWORD): Promise<void> {
  const url = typeof vault === 'string' ? vault : vault.baseUrl;
  const ok = await api.session.signIn({ address: parseVaultAddress(url), username: DEMO_USERNAME, method: 'CyberArk' }, password);
  if (!ok) throw new Error('sign-in was cancelled');
  await waitFor(() => api.refresh.current.loaded || !!api.refresh.current.lastError, 'the first load');
  if (api.refresh.current.lastError) throw new Error(`first load failed: ${api.refresh.current.lastError}`);
}

export async function signOut(api: Services): Promise<void> {
  if (api.session.isSignedIn) await api.session.signOut({ timeoutMs: 2000 });
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Events the vault holds that the first load (30-day window) should show, by status, newest first. */
export function expectedEvents(sim: PvwaSimulator, status: 'OPEN' | 'CLOSED', lookbackDays = 30): RawEvent[] {
  const from = Date.now() - lookbackDays * 86_400_000 - 60_000;
  return sim
    .events()
    .filter((e) => String(e.mStatus).toUpperCase() === status && e.lastUpdateTime >= from)
    .sort((a, b) => b.lastUpdateTime - a.lastUpdateTime || (a.id < b.id ? -1 : 1));
}

export function patchRequests(sim: PvwaSimulator) {
  return sim.requests.filter((r) => r.method === 'PATCH');
}

/** Lets VS Code's UI (a quick pick opening, say) catch up with a command started without awaiting. */
export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function filesUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(folder, name))
    .filter((file) => fs.statSync(file).isFile());
}

/** What the extension's log channel has written to disk so far (VS Code flushes it with a delay). */
export function logText(api: Services): string {
  return filesUnder(path.dirname(api.context.logUri.fsPath))
    .map((file) => fs.readFileSync(file, 'utf8'))
    .filter((text) => text.includes('/API/pta/API/Events/'))
    .join('\n');
}
