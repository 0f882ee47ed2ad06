import * as vscode from 'vscode';
import { displayText } from '../model/format';
import { SessionPrompts, SignInTarget } from './session';

/** Sign-in questions as VS Code input boxes; they stay open when focus moves to copy a code. */
export const inputPrompts: SessionPrompts = {
  password: (target: SignInTarget, reason?: string) =>
    vscode.window.showInputBox({
      title: `Sign In to ${target.address.hostname}`,
      prompt: reason ?? `Password for ${target.username} (${target.method} authentication)`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v ? undefined : 'Enter your password.'),
    }),
  challenge: (message: string) =>
    vscode.window.showInputBox({
      title: 'RADIUS challenge',
      // The challenge text comes from the vault: shown as text, cut to a sane length.
      prompt: displayText(message, 300),
      // A one-time code, not a secret worth hiding: masking it only causes typing mistakes.
      password: false,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Enter the answer to the challenge.'),
    }),
};
