import { displayText, formatTime } from '../model/format';
import { markdownPlainText } from '../util/markdownText';
import { EventRef, refKey } from '../sources/eventSource';
import { Emitter } from '../util/emitter';
import type { RespondActionId } from './respondActions';

/**
 * What was done on each event from here: what, on what, when, by which vault user, and how it
 * ended. Kept in extension storage (never settings), per source and event id; no secret in it.
 */
export type ActionOutcome =
  /** The vault did it, and reading again shows it (the session gone, the user suspended). */
  | 'done'
  /** Accepted by the vault, not yet seen done (a CPM operation queued; a suspension the vault cannot report). */
  | 'requested'
  /** The vault refused or the request failed: never written as done. */
  | 'failed';

export interface RecordedAction {
  readonly action: RespondActionId;
  /** "jdoe's PSM session on root@10.1.8.182", "account root@10.1.8.182", "vault user jdoe". */
  readonly target: string;
  readonly at: number;
  /** The signed-in vault user who did it. */
  readonly by: string;
  readonly vault: string;
  readonly outcome: ActionOutcome;
  /** The result in words, or the failure with the vault's words. */
  readonly detail: string;
  /** For the close text, when it succeeded: "Terminated jdoe's PSM session". */
  readonly summary?: string;
}

/** What the records need of VS Code's Memento. */
export interface RecordStorage {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export const RECORD_KEY = 'cyberarkPta.respondRecord';

type Stored = Record<string, RecordedAction[]>;

export class ActionRecords {
  private readonly changed = new Emitter<EventRef>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly storage: RecordStorage) {}

  list(ref: EventRef): readonly RecordedAction[] {
    return this.all()[refKey(ref)] ?? [];
  }

  async add(ref: EventRef, entry: RecordedAction): Promise<void> {
    const all = this.all();
    const key = refKey(ref);
    await this.storage.update(RECORD_KEY, { ...all, [key]: [...(all[key] ?? []), entry] });
    this.changed.fire(ref);
  }

  async clear(ref: EventRef): Promise<void> {
    const all = { ...this.all() };
    delete all[refKey(ref)];
    await this.storage.update(RECORD_KEY, all);
    this.changed.fire(ref);
  }

  /** Every event with recorded actions: its source and id, and the entries. */
  entries(): Array<{ readonly ref: EventRef; readonly actions: readonly RecordedAction[] }> {
    return Object.entries(this.all()).map(([key, actions]) => {
      const [sourceId, eventId] = key.split('\u0000');
      return { ref: { sourceId, eventId }, actions };
    });
  }

  dispose(): void {
    this.changed.dispose();
  }

  private all(): Stored {
    const stored = this.storage.get<Stored>(RECORD_KEY);
    return stored && typeof stored === 'object' ? stored : {};
  }
}

const OUTCOME_WORDS: Record<ActionOutcome, string> = { done: 'done', requested: 'requested', failed: 'failed' };

/** One line for the panel, the Markdown and the shift report. */
export function recordLine(entry: RecordedAction): string {
  return `${formatTime(entry.at)} · ${displayText(entry.by, 60)} in ${displayText(entry.vault, 60)}: ${entry.detail} (${OUTCOME_WORDS[entry.outcome]})`;
}

export const CLOSE_TEXT_LIMIT = 100;

/**
 * The close text: what succeeded, joined ("Terminated jdoe's PSM session; credential change
 * requested; jdoe suspended"), within the vault's 100 characters; a phrase that does not fit is
 * left out whole. Undefined when nothing succeeded.
 */
export function closeSummary(entries: readonly RecordedAction[]): string | undefined {
  const phrases = [...new Set(entries.filter((e) => e.outcome !== 'failed' && e.summary).map((e) => e.summary!))];
  let text = '';
  for (const phrase of phrases) {
    const next = text ? `${text}; ${phrase}` : phrase;
    if (next.length <= CLOSE_TEXT_LIMIT) text = next;
  }
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : undefined;
}

/** The record as Markdown lines (a heading and one item per action), every vault string escaped; none when empty. */
export function recordMarkdown(title: string, entries: readonly RecordedAction[]): string[] {
  if (entries.length === 0) return [];
  // Read cleanly pasted as plain text too: vault words in a code span, never backslash escapes.
  return ['', `### ${markdownPlainText(title)}`, '', ...entries.map((entry) => `- ${markdownPlainText(recordLine(entry))}`)];
}
