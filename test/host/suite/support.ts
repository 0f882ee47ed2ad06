import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Services } from '../../../src/services';
import { parseVaultAddress } from '../../../src/api/baseUrl';
import type { PtaEvent } from '../../../src/model/ptaEvent';
import type { EventRef } from '../../../src/sources/eventSource';
import type { VaultSource } from '../../../src/sources/vault/vaultSource';
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
  await setSettings({ vaults: undefined, url: sim.baseUrl, username: DEMO_USERNAME, authMethod: 'CyberArk', autoRefreshSeconds: 0, lookbackDays: 30, fromUpdateDateUnit: 'auto' });
  await extensionApi().then((api) => api.vaults.sync());
  return sim;
}

/** The one vault of the single-vault settings (the tests that need several configure them). */
export function vault(api: Services): VaultSource {
  const [only] = api.vaults.all();
  if (!only) throw new Error('no vault is configured');
  return only;
}

/** What the Events view lists for the single vault. */
export function list(api: Services, status: 'OPEN' | 'CLOSED'): readonly PtaEvent[] {
  return api.view.list(vault(api).id, status);
}

/** A reference to an event of the single vault, as commands take it. */
export function ref(api: Services, eventId: string): EventRef {
  return { sourceId: vault(api).id, eventId };
}

/** Signs in with the demo password (as if typed) and waits for the first load. */
export async function signIn(api: Services, sim: PvwaSimulator | string, password = DEMO_PASSWORD, source = vault(api)): Promise<void> {
  const url = typeof sim === 'string' ? sim : sim.baseUrl;
  await api.vaults.sync();
  const ok = await source.session.signIn({ address: parseVaultAddress(url), username: DEMO_USERNAME, method: 'CyberArk' }, password);
  if (!ok) throw new Error('sign-in was cancelled');
  await waitFor(() => source.refresh.current.loaded || !!source.refresh.current.lastError, 'the first load');
  if (source.refresh.current.lastError) throw new Error(`first load failed: ${source.refresh.current.lastError}`);
}

/** Signs every vault out. */
export async function signOut(api: Services): Promise<void> {
  for (const v of api.vaults.all()) if (v.session.isSignedIn) await v.session.signOut({ timeoutMs: 2000 });
}

/**
 * Waits for a webview page to say `ready`. code-server now and then leaves a new webview waiting
 * for its service worker for good (a host defect, also met by the browser journey): after a first
 * wait, the webviews are reloaded, as a person would, and the page gets two more chances.
 */
export async function waitForPage(isReady: () => boolean, what: string): Promise<void> {
  try {
    await waitFor(isReady, what, 8000);
    return;
  } catch {
    // Reloaded below.
  }
  for (const [attempt, timeoutMs] of [[1, 10_000], [2, 15_000]] as const) {
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    try {
      await waitFor(isReady, `${what}, after reloading the webviews`, timeoutMs);
      return;
    } catch (error) {
      if (attempt === 2) throw error;
    }
  }
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

export interface ShownMessage {
  readonly severity: 'information' | 'warning' | 'error';
  readonly message: string;
  readonly modal: boolean;
  readonly detail?: string;
  readonly items: readonly string[];
}

/**
 * Takes over a `vscode.window` function until `restore()`: the extension and the tests share one
 * `vscode` module object, so the extension calls the replacement. For what the host cannot drive
 * otherwise: modal dialogs, notification buttons to read and answer, the save dialog.
 */
export function replaceWindowFunction<K extends keyof typeof vscode.window>(name: K, replacement: (typeof vscode.window)[K]): { restore(): void } {
  const restore = replaceWindow({ [name]: (_original: unknown, ...args: unknown[]) => (replacement as (...a: unknown[]) => unknown)(...args) });
  return { restore };
}

/**
 * Records every message the extension shows (information, warning, error, modal or not) and
 * answers each with `answer` (a button title, or undefined as when dismissed) instead of showing it.
 */
export function interceptMessages(answer: (shown: ShownMessage) => string | undefined | Thenable<string | undefined> = () => undefined) {
  const shown: ShownMessage[] = [];
  const intercept = (severity: ShownMessage['severity']) => (message: string, ...rest: unknown[]) => {
    const options = rest.length > 0 && typeof rest[0] === 'object' && rest[0] !== null && !('title' in rest[0]) ? (rest.shift() as vscode.MessageOptions) : {};
    const items = rest.map((item) => (typeof item === 'string' ? item : (item as vscode.MessageItem).title));
    const entry: ShownMessage = { severity, message, modal: options.modal === true, detail: options.detail, items };
    shown.push(entry);
    return Promise.resolve(answer(entry));
  };
  const replaced = [
    replaceWindowFunction('showInformationMessage', intercept('information') as never),
    replaceWindowFunction('showWarningMessage', intercept('warning') as never),
    replaceWindowFunction('showErrorMessage', intercept('error') as never),
  ];
  return {
    shown,
    restore: () => replaced.forEach((r) => r.restore()),
    /** The first message shown (from now or earlier) that `matches`. */
    next: async (matches: (shown: ShownMessage) => boolean, what: string): Promise<ShownMessage> => {
      await waitFor(() => shown.some(matches), what);
      return shown.find(matches)!;
    },
  };
}

type WindowFunction = keyof typeof vscode.window;

/**
 * Replaces vscode.window functions for the extension too (one API object per extension, and the
 * tests load as part of it); each replacement gets the original to call through. Returns the undo.
 */
export function replaceWindow(replacements: Partial<Record<WindowFunction, (original: (...args: unknown[]) => unknown, ...args: unknown[]) => unknown>>): () => void {
  const window = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  for (const [name, replacement] of Object.entries(replacements)) {
    const original = window[name];
    originals.set(name, original);
    window[name] = (...args: unknown[]) => replacement(original.bind(vscode.window), ...args);
  }
  return () => {
    for (const [name, original] of originals) window[name] = original;
  };
}

/** The close flow's questions answered without UI: the first reason whose value is `reason`, then `text`. */
export function answerClose(reason: string, text: string, confirmations: string[] = []): () => void {
  return replaceWindow({
    showQuickPick: async (_original, items) => (await (items as Thenable<Array<{ value?: string }>>)).find((i) => i.value === reason),
    showInputBox: () => Promise.resolve(text),
    showWarningMessage: (original, message, ...rest) => {
      const options = rest[0];
      if (options && typeof options === 'object' && (options as { modal?: boolean }).modal) {
        confirmations.push(String(message));
        return Promise.resolve(rest[1]);
      }
      return original(message, ...rest);
    },
  });
}
