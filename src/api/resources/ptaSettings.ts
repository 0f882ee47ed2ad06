import { PvwaError } from '../errors';
import { asList, asRecord, booleanField, numberField, textField } from './vaultJson';
import { vaultRequest, VaultCaller } from './vaultRequest';

/** A PTA risky-activity rule: the `regex` is what a PSMSuspiciousActivity event's matchPatterns names. */
export interface PtaRule {
  readonly id?: string;
  /** SSH, WINDOWS, SCP, KEYSTROKES, SQL. */
  readonly category?: string;
  readonly regex?: string;
  readonly score?: number;
  readonly description?: string;
  /** NONE, TERMINATE, SUSPEND. */
  readonly response?: string;
  readonly active?: boolean;
}

export interface PtaSettings {
  readonly rules: PtaRule[];
  /** e.g. changePassword_SuspectedCredentialsTheft -> true; only the keys the vault sent. */
  readonly automaticRemediation: Readonly<Record<string, boolean>>;
}

export function readPtaSettings(raw: unknown): PtaSettings {
  const r = asRecord(raw) ?? {};
  const rules = asList(r.riskyActivities).flatMap((item) => {
    const rule = asRecord(item);
    if (!rule) return [];
    return [{
      id: textField(rule.id),
      category: textField(rule.category),
      regex: typeof rule.regex === 'string' && rule.regex !== '' ? rule.regex : undefined,
      score: numberField(rule.score),
      description: textField(rule.description),
      response: textField(rule.response),
      active: booleanField(rule.active),
    }];
  });
  // The docs' example spells it both ways: read both, the singular winning where both say something.
  const remediation: Record<string, boolean> = Object.create(null);
  for (const source of [asRecord(r.automaticRemediations), asRecord(r.automaticRemediation)]) {
    for (const [key, value] of Object.entries(source ?? {})) {
      const flag = booleanField(value);
      if (flag !== undefined) remediation[key] = flag;
    }
  }
  return { rules, automaticRemediation: remediation };
}

export async function getPtaSettings(caller: VaultCaller): Promise<PtaSettings> {
  const answer = await vaultRequest(caller, 'ptaSettings', 'GET', '/API/pta/API/Settings');
  if (!asRecord(answer)) throw new PvwaError('invalidResponse', 'The vault answered the PTA settings request with something other than an object.');
  return readPtaSettings(answer);
}
