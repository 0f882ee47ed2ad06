import { riskBand } from '../model/format';
import type { PtaEvent } from '../model/ptaEvent';
import type { StoreChange } from '../store/eventStore';

const BAND_INDEX = { high: 0, medium: 1, low: 2 } as const;

/**
 * One source's counts for the Overview, kept up to date event by event: a change of a few events
 * costs a few sorted insertions, not a pass over every event. Times are kept sorted per status and
 * band, so any window's buckets are counted by binary search. Pure; no vscode.
 */
export class SourceTally {
  readonly types = new Map<string, { open: number; closed: number }>();
  readonly reasons = new Map<string | undefined, number>();
  readonly openByBand = new Int32Array(3);
  closed = 0;
  /** When each event happened (created, else last updated), ascending; index `(open ? 0 : 3) + band` (high, medium, low). */
  readonly times: number[][] = [[], [], [], [], [], []];
  /** lastUpdateTime - createTime of the closed events that have both in that order, ascending. */
  readonly closeDurations: number[] = [];
  /** The version of each event counted, to take it out again when it changes. */
  private readonly counted = new Map<string, PtaEvent>();

  /** Counts every event at once (the lists sorted once at the end). */
  static of(events: Iterable<PtaEvent>): SourceTally {
    const tally = new SourceTally();
    for (const event of events) {
      tally.counted.set(event.id, event);
      tally.count(event, 1, (list, value) => list.push(value));
    }
    for (const list of [...tally.times, tally.closeDurations]) list.sort(ascending);
    return tally;
  }

  /** Takes a merge in; a reset is for the caller to answer with a new tally. */
  apply(change: StoreChange): void {
    for (const list of [change.added, change.updated]) {
      for (const event of list) {
        const before = this.counted.get(event.id);
        if (before) this.count(before, -1, removeSorted);
        this.counted.set(event.id, event);
        this.count(event, 1, insertSorted);
      }
    }
  }

  private count(event: PtaEvent, step: 1 | -1, place: (list: number[], value: number) => void): void {
    const open = event.status === 'OPEN';
    const band = BAND_INDEX[riskBand(event.score)];
    place(this.times[(open ? 0 : 3) + band], event.createTime ?? event.lastUpdateTime);
    let typeCount = this.types.get(event.type);
    if (!typeCount) this.types.set(event.type, (typeCount = { open: 0, closed: 0 }));
    if (open) {
      typeCount.open += step;
      this.openByBand[band] += step;
    } else {
      typeCount.closed += step;
      this.closed += step;
      this.reasons.set(event.closeReason, (this.reasons.get(event.closeReason) ?? 0) + step);
      if (event.createTime !== undefined && event.lastUpdateTime >= event.createTime) place(this.closeDurations, event.lastUpdateTime - event.createTime);
    }
    if (typeCount.open === 0 && typeCount.closed === 0) this.types.delete(event.type);
    if (this.reasons.get(event.closeReason) === 0) this.reasons.delete(event.closeReason);
  }
}

/** How many values of an ascending list are below `value`. */
export function countBelow(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function insertSorted(list: number[], value: number): void {
  list.splice(countBelow(list, value), 0, value);
}

function removeSorted(list: number[], value: number): void {
  const at = countBelow(list, value);
  if (list[at] === value) list.splice(at, 1);
}

function ascending(a: number, b: number): number {
  return a - b;
}
