import * as vscode from 'vscode';

/**
 * What activate() gives other extensions: nothing, since the services hold the sessions and the
 * password store. Only the test runner (extension mode Test) gets them.
 */
export function publicApi<T>(mode: vscode.ExtensionMode, services: T): T | undefined {
  return mode === vscode.ExtensionMode.Test ? services : undefined;
}
