import * as vscode from 'vscode';

/**
 * The "CyberArk PTA" log channel. Secrets in use (token, password, cookie) are registered here
 * and replaced on every line, as a second line of defence behind never logging them at all.
 */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();

  constructor(name = 'CyberArk PTA') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  addSecret(secret: string): void {
    if (secret.length >= 4) this.secrets.add(secret);
  }

  removeSecret(secret: string): void {
    this.secrets.delete(secret);
  }

  info(message: string): void {
    this.channel.info(this.redact(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redact(message));
  }

  error(message: string): void {
    this.channel.error(this.redact(message));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private redact(message: string): string {
    let text = message;
    for (const secret of this.secrets) text = text.split(secret).join('***');
    return text;
  }
}
