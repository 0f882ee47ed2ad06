import * as vscode from 'vscode';
import { inertNotification, inertStatusBar } from '../util/inertText';

/**
 * The only way the extension shows a notification, a progress title or a status bar message
 * (lint refuses `vscode.window`'s own functions elsewhere), so no text that may carry a vault
 * string can reach them un-neutralised: callers pass plain text, and it is made inert here, once.
 * `vscode.window` is read at each call, not at import, so tests can stand in for its functions.
 */

/** VS Code's message function shapes; the message and the options' detail are made inert (buttons are ours). */
export interface InertMessageFunction {
  <T extends string>(message: string, ...items: T[]): Thenable<T | undefined>;
  <T extends string>(message: string, options: vscode.MessageOptions, ...items: T[]): Thenable<T | undefined>;
  <T extends vscode.MessageItem>(message: string, ...items: T[]): Thenable<T | undefined>;
  <T extends vscode.MessageItem>(message: string, options: vscode.MessageOptions, ...items: T[]): Thenable<T | undefined>;
}

export const showInformationMessage = inertMessage('showInformationMessage');
export const showWarningMessage = inertMessage('showWarningMessage');
export const showErrorMessage = inertMessage('showErrorMessage');

function inertMessage(kind: 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage'): InertMessageFunction {
  return ((message: string, ...rest: unknown[]) => {
    const [first, ...items] = rest;
    const args = isMessageOptions(first) ? [inertOptions(first), ...items] : rest;
    const show = vscode.window[kind] as (message: string, ...args: unknown[]) => Thenable<unknown>;
    return show(inertNotification(message), ...args);
  }) as InertMessageFunction;
}

function isMessageOptions(value: unknown): value is vscode.MessageOptions {
  return typeof value === 'object' && value !== null && !('title' in value);
}

function inertOptions(options: vscode.MessageOptions): vscode.MessageOptions {
  return options.detail === undefined ? options : { ...options, detail: inertNotification(options.detail) };
}

type ProgressReport = { message?: string; increment?: number };

/** VS Code's withProgress; the title and every reported message are made inert. */
export function withProgress<R>(
  options: vscode.ProgressOptions,
  task: (progress: vscode.Progress<ProgressReport>, token: vscode.CancellationToken) => Thenable<R>,
): Thenable<R> {
  const inert = options.title === undefined ? options : { ...options, title: inertProgress(options.title) };
  return vscode.window.withProgress(inert, (progress, token) =>
    task({ report: (value) => progress.report(value.message === undefined ? value : { ...value, message: inertProgress(value.message) }) }, token),
  );
}

/**
 * A progress title or message shows in a notification (which links `[text](target)`) and in the
 * status bar (which draws `$(name)` icons): for Window progress, and for Notification progress
 * whenever the notification is hidden. So both are neutralised, whatever the location.
 */
function inertProgress(text: string): string {
  return inertStatusBar(inertNotification(text));
}

/**
 * A status bar message: `text` never shows an icon. `icon`, a codicon name of the extension's
 * own (`'check'`), never vault text, is drawn before it.
 */
export function setStatusBarMessage(text: string, hideAfterMs: number, icon?: string): vscode.Disposable {
  return vscode.window.setStatusBarMessage(`${icon === undefined ? '' : `$(${icon}) `}${inertStatusBar(text)}`, hideAfterMs);
}
