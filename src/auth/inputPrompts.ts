import * as vscode from 'vscode';
import { displayText } from '../model/format';
import { inertPrompt } from '../util/inertText';
import { SessionPrompts, SignInTarget } from './session';

/** Sign-in questions as VS Code input boxes; they stay open when focus moves to copy a code. */
export const inputPrompts: SessionPrompts = {
  password: (target: SignInTarget, reason?: string) =>
    vscode.window.showInputBox({
      title: target.vaultName && target.vaultName !== target.address.hostname ? `Sign In to ${displayText(target.vaultName, 60)} (${target.address.hostname})` : `Sign In to ${target.address.hostname}`,
      prompt: reason ?? `Password for ${target.username} (${target.method} authentication)`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v ? undefined : 'Enter your password.'),
    }),
  // A one-time code is not a secret worth masking, and typing it blind causes refusals.
  challenge: (message: string, again: boolean) =>
    vscode.window.showInputBox({
      title: again ? 'RADIUS challenge: the code was refused, enter it again' : 'RADIUS challenge',
      // The challenge text comes from the vault: shown as plain text (no icons, no links), cut to a sane length.
      prompt: inertPrompt(displayText(message, 300)),
      password: false,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Enter the answer to the challenge.'),
    }),
};
