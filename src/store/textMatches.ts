import { PtaEvent } from '../model/ptaEvent';

/**
 * The events of a list whose search text holds a needle, in the list's order, each with its
 * search text and where the needle first occurs in it. A needle holding this one (one more
 * character typed, or text pasted around it) is then searched only in these events, each from
 * where it can first occur: the same events as searching the whole list again. Pure; no vscode.
 */
export class TextMatches {
  private constructor(
    readonly needle: string,
    readonly events: readonly PtaEvent[],
    private readonly texts: readonly string[],
    private readonly firstAt: Int32Array,
  ) {}

  /** The events (their search texts side by side in `texts`) whose search text holds `needle`. */
  static find(events: readonly PtaEvent[], texts: readonly string[], needle: string): TextMatches {
    return TextMatches.search(events, texts, undefined, 0, needle);
  }

  /** The matches of `needle` in the list this was found in; undefined when `needle` does not hold this one's needle. */
  narrow(needle: string): TextMatches | undefined {
    const offset = needle.indexOf(this.needle);
    if (offset < 0) return undefined;
    // Wherever `needle` occurs, this needle occurs `offset` characters further on: never before its first occurrence.
    return TextMatches.search(this.events, this.texts, this.firstAt, offset, needle);
  }

  /** Each event searched from `searchedFrom[i] - offset`, or from the start without `searchedFrom`. */
  private static search(events: readonly PtaEvent[], texts: readonly string[], searchedFrom: Int32Array | undefined, offset: number, needle: string): TextMatches {
    const kept: PtaEvent[] = [];
    const keptTexts: string[] = [];
    const firstAt = new Int32Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const at = texts[i].indexOf(needle, searchedFrom ? Math.max(0, searchedFrom[i] - offset) : 0);
      if (at < 0) continue;
      firstAt[kept.length] = at;
      kept.push(events[i]);
      keptTexts.push(texts[i]);
    }
    return new TextMatches(needle, kept, keptTexts, firstAt.subarray(0, kept.length));
  }
}
