import * as vscode from 'vscode';
import { STORAGE_KEYS } from '../storageKeys';

/**
 * The only code that touches SecretStorage. One password per vault address and user name.
 * Where the OS has no keyring, SecretStorage throws: the password is then simply not kept
 * (asked at each sign-in), never written anywhere else.
 */
export class PasswordStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly onUnavailable: (message: string) => void,
  ) {}

  async get(appUrl: string, username: string): Promise<string | undefined> {
    try {
      return await this.secrets.get(key(appUrl, username));
    } catch {
      return undefined;
    }
  }

  async store(appUrl: string, username: string, password: string): Promise<boolean> {
    try {
      await this.secrets.store(key(appUrl, username), password);
      return true;
    } catch {
      this.onUnavailable('No OS keyring is available to keep the password, so it will be asked for at each sign-in. It is never stored anywhere else.');
      return false;
    }
  }

  async delete(appUrl: string, username: string): Promise<void> {
    try {
      await this.secrets.delete(key(appUrl, username));
    } catch {
      // Nothing was stored where there is no keyring.
    }
  }
}

export const key = STORAGE_KEYS.password;
