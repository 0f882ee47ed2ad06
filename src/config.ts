import * as vscode from 'vscode';
import type { TlsSettings } from './api/transport';
import { clampConcurrency } from './triage/bulkRunner';
import type { UnitSetting } from './store/eventRefresher';
import type { RawVaultSettings } from './sources/vault/vaultConfig';

export const SECTION = 'cyberarkPta';

export interface Settings {
  readonly lookbackDays: number;
  readonly fromUpdateDateUnit: UnitSetting;
  readonly requestTimeoutSeconds: number;
  readonly autoRefreshSeconds: number;
  readonly notifyMinScore: number;
  readonly rememberPassword: boolean;
  readonly showStatusBarItem: boolean;
  readonly tls: TlsSettings;
  readonly allowPlainHttp: boolean;
  /** Close or reopen requests a bulk action has in flight at once. */
  readonly bulkConcurrency: number;
}

const UNITS: readonly UnitSetting[] = ['auto', 'seconds', 'milliseconds'];

/** The settings, with out-of-range values brought back to something safe. */
export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const unit = c.get<string>('fromUpdateDateUnit', 'auto');
  return {
    lookbackDays: clamp(c.get<number>('lookbackDays', 30), 1, 3650),
    fromUpdateDateUnit: UNITS.includes(unit as UnitSetting) ? (unit as UnitSetting) : 'auto',
    requestTimeoutSeconds: clamp(c.get<number>('requestTimeoutSeconds', 60), 1, 600),
    autoRefreshSeconds: clamp(c.get<number>('autoRefreshSeconds', 60), 0, 86_400),
    notifyMinScore: clamp(c.get<number>('notifyMinScore', 70), 0, 101),
    rememberPassword: c.get<boolean>('rememberPassword', true),
    showStatusBarItem: c.get<boolean>('showStatusBarItem', true),
    tls: { caFile: c.get<string>('tls.caFile', '').trim(), allowInsecure: c.get<boolean>('tls.allowInsecure', false) },
    allowPlainHttp: c.get<boolean>('allowPlainHttp', false),
    bulkConcurrency: clampConcurrency(c.get<number>('bulkConcurrency', 4)),
  };
}

/** The vault settings as written, for readVaultConfigs; `authMethod` only when the user chose one. */
export function readVaultSettings(): RawVaultSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    vaults: c.get<unknown>('vaults'),
    url: c.get<string>('url', ''),
    username: c.get<string>('username', ''),
    authMethod: c.inspect<string>('authMethod')?.globalValue,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
