import type { CloseReason } from '../api/pvwaClient';
import { isCloseReason, REASON_TEXT_MAX } from '../model/closeReason';
import { displayText, formatAge, readableCloseReason } from '../model/format';
import { PtaEvent } from '../model/ptaEvent';

/** Look-alikes closed with the same reason and the same text. */
export interface CloseGroup {
  /** As the vault sent it, upper-case; undefined when it gave none (or NONE). */
  readonly reason?: string;
  /** Trimmed; '' when there was none. */
  readonly text: string;
  readonly count: number;
  /** The newest lastUpdateTime among them: when the last one was closed. */
  readonly lastClosed: number;
}

/** What Close the Same Way prefills: the analyst still confirms or edits it. */
export interface CloseSuggestion {
  readonly reason: Exclude<CloseReason, 'NONE'>;
  /** At most REASON_TEXT_MAX characters, as the vault accepts. */
  readonly text: string;
}

export interface TriageMemory {
  /** Most frequent first, then most recent. */
  readonly groups: readonly CloseGroup[];
  /**
   * "Closed 2 times before as False positive: 'Red team exercise, ticket SEC-2231' (last 9 d ago)".
   * Plain text; the vault's text in it has been through displayText.
   */
  readonly sentence: string;
  /** From the first group, when its reason is one the vault accepts. */
  readonly suggestion?: CloseSuggestion;
}

const QUOTED_TEXT_MAX = 100;

/** How the look-alikes of an open event were closed; undefined when it has none. */
export function triageMemory(lookAlikes: readonly PtaEvent[], now: number): TriageMemory | undefined {
  const groups = closeGroups(lookAlikes);
  if (groups.length === 0) return undefined;
  const [first] = groups;
  const reason = first.reason?.toUpperCase();
  return {
    groups,
    sentence: describe(first, groups.length - 1, now),
    suggestion: isCloseReason(reason) ? { reason, text: cutToLimit(first.text) } : undefined,
  };
}

/** A few words for an event's tree description or tooltip: "seen before: closed 2×"; undefined without look-alikes. */
export function lookAlikeHint(lookAlikeCount: number): string | undefined {
  return lookAlikeCount > 0 ? `seen before: closed ${lookAlikeCount}×` : undefined;
}

function closeGroups(closed: readonly PtaEvent[]): CloseGroup[] {
  const groups = new Map<string, { reason?: string; text: string; count: number; lastClosed: number }>();
  for (const event of closed) {
    const reason = event.closeReason && event.closeReason.toUpperCase() !== 'NONE' ? event.closeReason.toUpperCase() : undefined;
    const text = event.reasonText?.trim() ?? '';
    const key = `${reason ?? ''}\u0000${text}`;
    const group = groups.get(key);
    if (group) {
      group.count++;
      group.lastClosed = Math.max(group.lastClosed, event.lastUpdateTime);
    } else {
      groups.set(key, { reason, text, count: 1, lastClosed: event.lastUpdateTime });
    }
  }
  return [...groups.values()].sort(
    (a, b) => b.count - a.count || b.lastClosed - a.lastClosed || compare(a.reason ?? '', b.reason ?? '') || compare(a.text, b.text),
  );
}

function describe(group: CloseGroup, otherGroups: number, now: number): string {
  const times = group.count === 1 ? 'once' : `${group.count} times`;
  const reason = readableCloseReason(group.reason);
  const how = reason ? ` as ${reason}` : ' without a reason';
  const text = group.text ? `: '${displayText(group.text, QUOTED_TEXT_MAX)}'` : '';
  const when = `${group.count === 1 ? '' : 'last '}${formatAge(group.lastClosed, now)}`;
  const others = otherGroups === 0 ? '' : `; also closed ${otherGroups} other way${otherGroups === 1 ? '' : 's'}`;
  return `Closed ${times} before${how}${text} (${when})${others}`;
}

/** The vault's limit counts UTF-16 code units; a cut never splits a surrogate pair. */
function cutToLimit(text: string): string {
  if (text.length <= REASON_TEXT_MAX) return text;
  const end = /[\ud800-\udbff]/.test(text[REASON_TEXT_MAX - 1]) ? REASON_TEXT_MAX - 1 : REASON_TEXT_MAX;
  return text.slice(0, end).trimEnd();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
