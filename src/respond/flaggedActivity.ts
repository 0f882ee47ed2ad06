import type { SessionActivity } from '../api/resources/psmSessions';
import { eventAudits, PtaEvent } from '../model/ptaEvent';
import { matchPatternsOf } from './ptaRules';

/** A vault-given regex runs only on this much of an activity. */
const MAX_TESTED_CHARS = 2_000;
/** A group with a quantifier inside, itself quantified ("(a+)+"): backtracks exponentially on crafted text. */
const NESTED_QUANTIFIER = /\([^()]*[+*}][^()]*\)\s*[+*{]/;

/**
 * Which of a session's activities are the event's flagged command: the text holds one of the
 * audits' psmCommand, or matches the rule's regex (matchPatterns). Indexes into `activities`,
 * in order. Pure.
 */
export function flaggedActivityIndexes(event: PtaEvent, activities: readonly SessionActivity[]): number[] {
  const commands = [...new Set(eventAudits(event).map((a) => a.psmCommand?.trim()).filter((c): c is string => !!c))];
  const pattern = compile(matchPatternsOf(event));
  const flagged: number[] = [];
  activities.forEach((activity, index) => {
    const text = activity.text;
    if (!text) return;
    if (commands.some((command) => text.includes(command)) || (pattern && pattern.test(text.slice(0, MAX_TESTED_CHARS)))) flagged.push(index);
  });
  return flagged;
}

/** The rule's regex, unless it does not compile or could hang the host on text the attacker typed. */
function compile(source: string | undefined): RegExp | undefined {
  if (!source || NESTED_QUANTIFIER.test(source)) return undefined;
  try {
    return new RegExp(source, 'i');
  } catch {
    return undefined;
  }
}
