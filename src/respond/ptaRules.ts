import type { PtaRule, PtaSettings } from '../api/resources/ptaSettings';
import { PtaEvent } from '../model/ptaEvent';

/** The event's `additionalData.matchPatterns`: the regex of the PSM rule that fired. */
export function matchPatternsOf(event: PtaEvent): string | undefined {
  const data = event.raw.additionalData;
  const value = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>).matchPatterns : undefined;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The PTA rule whose regex is the event's matchPatterns (exactly, else ignoring outer spaces); an active one before an inactive one. */
export function ruleForEvent(event: PtaEvent, settings: PtaSettings): PtaRule | undefined {
  const pattern = matchPatternsOf(event);
  if (!pattern) return undefined;
  const exact = settings.rules.filter((rule) => rule.regex === pattern);
  const candidates = exact.length > 0 ? exact : settings.rules.filter((rule) => rule.regex?.trim() === pattern.trim());
  return candidates.find((rule) => rule.active !== false) ?? candidates[0];
}

/** The event types PTA can remediate by itself, and the automaticRemediation key that turns it on. */
export const REMEDIATION_KEYS: Readonly<Record<string, string>> = {
  SuspectedCredentialsTheft: 'changePassword_SuspectedCredentialsTheft',
  OverPassTheHash: 'changePassword_OverPassTheHash',
  SuspiciousPasswordChange: 'reconcilePassword_SuspectedPasswordChange',
  UnmanagedPrivilegedAccount: 'pendAccount_UnmanagedPrivilegedAccount',
};

export interface RemediationState {
  readonly key: string;
  /** Undefined when the vault's settings do not say. */
  readonly enabled?: boolean;
}

/** Whether PTA remediates this event's type by itself; undefined for types it cannot remediate. */
export function automaticRemediationFor(event: PtaEvent, settings: PtaSettings): RemediationState | undefined {
  const key = Object.prototype.hasOwnProperty.call(REMEDIATION_KEYS, event.type) ? REMEDIATION_KEYS[event.type] : undefined;
  if (!key) return undefined;
  return { key, enabled: Object.prototype.hasOwnProperty.call(settings.automaticRemediation, key) ? settings.automaticRemediation[key] : undefined };
}
