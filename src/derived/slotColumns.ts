import { PtaEvent } from '../model/ptaEvent';

/**
 * The facts the entity index's scans read, one typed-array entry per event slot: a scan over the
 * thousands of events of a busy entity then reads a few contiguous arrays instead of visiting as
 * many event objects. Also the scratch space of those scans.
 */
export class SlotColumns {
  open = new Uint8Array(0);
  score = new Float64Array(0);
  type = new Int32Array(0);
  /** When the event happened: created, else last updated. */
  time = new Float64Array(0);
  /** Per slot, the scan that last visited it. */
  visitedIn = new Int32Array(0);
  /** Per slot, zero between uses: a count a scan keeps. */
  tally = new Uint32Array(0);
  private scan = 0;
  private readonly typeIds = new Map<string, number>();

  set(slot: number, event: PtaEvent): void {
    if (slot >= this.open.length) this.grow(Math.max(1024, slot + 1, this.open.length * 2));
    this.open[slot] = event.status === 'OPEN' ? 1 : 0;
    this.score[slot] = event.score;
    this.type[slot] = this.typeId(event.type);
    this.time[slot] = event.createTime ?? event.lastUpdateTime;
  }

  typeId(type: string): number {
    let id = this.typeIds.get(type);
    if (id === undefined) this.typeIds.set(type, (id = this.typeIds.size));
    return id;
  }

  /** A number no slot has been marked with since the last clear. */
  nextScan(): number {
    if (this.scan === 0x7fffffff) {
      this.visitedIn.fill(0);
      this.scan = 0;
    }
    return ++this.scan;
  }

  clear(): void {
    this.typeIds.clear();
    this.grow(0);
    this.scan = 0;
  }

  private grow(capacity: number): void {
    const copy = <T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(from: T, to: T) => {
      to.set(from.subarray(0, Math.min(from.length, capacity)));
      return to;
    };
    this.open = copy(this.open, new Uint8Array(capacity));
    this.score = copy(this.score, new Float64Array(capacity));
    this.type = copy(this.type, new Int32Array(capacity));
    this.time = copy(this.time, new Float64Array(capacity));
    this.visitedIn = copy(this.visitedIn, new Int32Array(capacity));
    this.tally = copy(this.tally, new Uint32Array(capacity));
  }
}
