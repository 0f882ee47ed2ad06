import * as vscode from 'vscode';
import type { AuthMethod } from './api/pvwaClient';
import type { TlsSettings } from './api/transport';
import type { UnitSetting } from './store/eventRefresher';

export const SECTION = 'cyberarkPta';

export interface Settings {
  readonly url: string;
  readonly authMethod: AuthMethod;
  readonly username: string;
  readonly lookbackDays: number;
  readonly fromUpdateDateUnit: UnitSetting;
  readonly requestTimeoutSeconds: number;
  readonly autoRefreshSeconds: number;
  readonly notifyMinScore: number;
  readonly rememberPassword: boolean;
  readonly showStatusBarItem: boolean;
  readonly tls: TlsSettings;
  readonly allowPlainHttp: boolean;
}

const AUTH_METHODS: readonly AuthMethod[] = ['CyberArk', 'LDAP', 'RADIUS'];
const UNITS: readonly UnitSetting[] = ['auto', 'seconds', 'milliseconds'];

/** The settings, with out-of-range values brought back to something safe. */
export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const method = c.get<string>('authMethod', 'CyberArk');
  const unit = c.get<string>('fromUpdateDateUnit', 'auto');
  return {
    url: c.get<string>('url', '').trim(),
    authMethod: AUTH_METHODS.find((m) => m.toLowerCase() === method.toLowerCase()) ?? 'CyberArk',
    username: c.get<string>('username', '').trim(),
    lookbackDays: clamp(c.get<number>('lookbackDays', 30), 1, 3650),
    fromUpdateDateUnit: UNITS.includes(unit as UnitSetting) ? (unit as UnitSetting) : 'auto',
    requestTimeoutSeconds: clamp(c.get<number>('requestTimeoutSeconds', 60), 1, 600),
    autoRefreshSeconds: clamp(c.get<number>('autoRefreshSeconds', 60), 0, 86_400),
    notifyMinScore: clamp(c.get<number>('notifyMinScore', 70), 0, 101),
    rememberPassword: c.get<boolean>('rememberPassword', true),
    showStatusBarItem: c.get<boolean>('showStatusBarItem', true),
    tls: { caFile: c.get<string>('tls.caFile', '').trim(), allowInsecure: c.get<boolean>('tls.allowInsecure', false) },
    allowPlainHttp: c.get<boolean>('allowPlainHttp', false),
  };
}

/** Connection settings are machine-wide user settings (their scope forbids workspace values). */
export async function saveConnectionSetting(key: 'url' | 'username', value: string): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
