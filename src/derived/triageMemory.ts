import type { CloseReason } from '../api/pvwaClient';
import { isCloseReason, REASON_TEXT_MAX } from '../model/closeReason';
import { displayText, formatAge, formatCount, formatScore, readableCloseReason, riskBand } from '../model/format';
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

/** Why reusing the look-alikes' close would be a reflex rather than a decision. */
export type Caution = 'outscores' | 'mixed' | 'highRisk';

export interface TriageMemory {
  /** Most frequent first, then most recent. */
  readonly groups: readonly CloseGroup[];
  /**
   * "Closed 2 times before as False positive: 'Red team exercise, ticket SEC-2231' (last 9 d ago)",
   * or, when the look-alikes were closed for different reasons, "Mixed history: …".
   * Plain text; the vault's text in it has been through displayText.
   */
  readonly sentence: string;
  /** "Look-alikes scored 36; this event 92.7." */
  readonly scores: string;
  /** From the first group, when its reason is one the vault accepts. */
  readonly suggestion?: CloseSuggestion;
  /** Reasons not to make Close the Same Way the primary action; empty when it may be. */
  readonly cautions: readonly Caution[];
  /** One sentence saying why to check before reusing; undefined without cautions. */
  readonly caution?: string;
}

/** "Clearly higher": this many points above the highest look-alike, or a risk band above it. */
export const OUTSCORE_POINTS = 20;
/** Below this share of the look-alikes closed for the leading reason, the history is mixed. */
export const UNANIMOUS_SHARE = 0.8;

const QUOTED_TEXT_MAX = 100;

/**
 * How the look-alikes of an open event scoring `score` were closed; undefined when it has none.
 * Memory advises: it says when reusing their close needs a second look (this event scores clearly
 * higher, their history is mixed, or this event is high risk).
 */
export function triageMemory(lookAlikes: readonly PtaEvent[], now: number, score: number): TriageMemory | undefined {
  const groups = closeGroups(lookAlikes);
  if (groups.length === 0) return undefined;
  const [first] = groups;
  const reason = first.reason?.toUpperCase();
  const byReason = reasonCounts(lookAlikes);
  const mixed = byReason[0].count < UNANIMOUS_SHARE * lookAlikes.length;
  const highest = Math.max(...lookAlikes.map((e) => e.score));
  const cautions: Caution[] = [];
  if (score - highest >= OUTSCORE_POINTS || bandRank(score) > bandRank(highest)) cautions.push('outscores');
  if (mixed) cautions.push('mixed');
  if (riskBand(score) === 'high') cautions.push('highRisk');
  return {
    groups,
    sentence: mixed ? describeMixed(byReason, lookAlikes.length, now) : describe(first, groups.length - 1, now),
    scores: describeScores(lookAlikes, score),
    suggestion: isCloseReason(reason) ? { reason, text: cutToLimit(first.text) } : undefined,
    cautions,
    caution: cautionSentence(cautions, score, highest),
  };
}

/** A few words for an event's tree description or tooltip: "seen before: closed 2×"; undefined without look-alikes. */
export function lookAlikeHint(lookAlikeCount: number): string | undefined {
  return lookAlikeCount > 0 ? `seen before: closed ${formatCount(lookAlikeCount)}×` : undefined;
}

/** The same, shortened for a row, after its facts: "seen 2× before". */
export function lookAlikeRowHint(lookAlikeCount: number): string | undefined {
  return lookAlikeCount > 0 ? `seen ${formatCount(lookAlikeCount)}× before` : undefined;
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

/** Look-alikes per reason (whatever their text), most first. */
function reasonCounts(closed: readonly PtaEvent[]): Array<{ reason?: string; count: number; lastClosed: number }> {
  const counts = new Map<string, { reason?: string; count: number; lastClosed: number }>();
  for (const event of closed) {
    const reason = event.closeReason && event.closeReason.toUpperCase() !== 'NONE' ? event.closeReason.toUpperCase() : undefined;
    const held = counts.get(reason ?? '') ?? { reason, count: 0, lastClosed: 0 };
    held.count++;
    held.lastClosed = Math.max(held.lastClosed, event.lastUpdateTime);
    counts.set(reason ?? '', held);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || b.lastClosed - a.lastClosed);
}

function describeMixed(byReason: ReadonlyArray<{ reason?: string; count: number; lastClosed: number }>, total: number, now: number): string {
  const parts = byReason.map(({ reason, count }) => `${formatCount(count)} ${reason ? `as ${readableCloseReason(reason)}` : 'without a reason'}`);
  const last = Math.max(...byReason.map((r) => r.lastClosed));
  return `Mixed history: of ${formatCount(total)} look-alikes closed before, ${parts.join(', ')} (last ${formatAge(last, now)})`;
}

function describeScores(lookAlikes: readonly PtaEvent[], score: number): string {
  const scores = lookAlikes.map((e) => e.score);
  const low = Math.min(...scores);
  const high = Math.max(...scores);
  const theirs = low === high ? formatScore(high) : `${formatScore(low)} to ${formatScore(high)}`;
  return `${lookAlikes.length === 1 ? 'The look-alike scored' : 'Look-alikes scored'} ${theirs}; this event ${formatScore(score)}.`;
}

function cautionSentence(cautions: readonly Caution[], score: number, highest: number): string | undefined {
  if (cautions.length === 0) return undefined;
  const why = cautions.map((c) => {
    switch (c) {
      case 'outscores':
        return `it scores ${formatScore(score - highest)} points above the highest of them`;
      case 'mixed':
        return 'they were closed for different reasons';
      case 'highRisk':
        return 'it is high risk';
    }
  });
  return `Read this event before reusing their close: ${joinWords(why)}.`;
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const BAND_RANKS = { low: 0, medium: 1, high: 2 } as const;

function bandRank(score: number): number {
  return BAND_RANKS[riskBand(score)];
}

function describe(group: CloseGroup, otherGroups: number, now: number): string {
  const times = group.count === 1 ? 'once' : `${formatCount(group.count)} times`;
  const reason = readableCloseReason(group.reason);
  const how = reason ? ` as ${reason}` : ' without a reason';
  const text = group.text ? `: '${displayText(group.text, QUOTED_TEXT_MAX)}'` : '';
  const when = `${group.count === 1 ? '' : 'last '}${formatAge(group.lastClosed, now)}`;
  const others = otherGroups === 0 ? '' : `; also closed ${formatCount(otherGroups)} other way${otherGroups === 1 ? '' : 's'}`;
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
