import * as vscode from 'vscode';
import { liveHttpsAgentCount } from './api/transport';
import { HOST_STALLS_FILE_VARIABLE, recordHostStalls } from './util/hostStalls';
import { liveListenerCount } from './util/emitter';

/** What the extension holds that a sign-out or a deactivation must release. */
export interface ResourceCounts {
  /** Listeners on the extension's own emitters. */
  readonly listeners: number;
  /** HTTPS agents (a private CA or certificate checks off) not destroyed yet. */
  readonly httpsAgents: number;
}

export type TestApi<T> = T & { resourceCounts(): ResourceCounts };

/**
 * What activate() gives other extensions: nothing, since the services hold the sessions and the
 * password store. Only the test runner (extension mode Test) gets them, with the resource counts.
 * A development or test run whose environment names a file in PTA_HOST_STALLS_FILE (the browser
 * journey's, which drives the UI and cannot call this API) also gets the host's stalls recorded there.
 */
export function publicApi<T extends object>(mode: vscode.ExtensionMode, services: T): TestApi<T> | undefined {
  const stallsFile = process.env[HOST_STALLS_FILE_VARIABLE];
  if (mode !== vscode.ExtensionMode.Production && stallsFile) recordHostStalls(stallsFile);
  if (mode !== vscode.ExtensionMode.Test) return undefined;
  return { ...services, resourceCounts: () => ({ listeners: liveListenerCount(), httpsAgents: liveHttpsAgentCount() }) };
}
