const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * mulberry32: a tiny seeded generator. The simulator's data must be reproducible from a
 * seed, so nothing here may touch Math.random.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Lower-case hex digits, e.g. for 24-digit Mongo-style ids. */
  hex(digits: number): string {
    let out = '';
    while (out.length < digits) {
      const bits = Math.floor(this.next() * 4294967296);
      out += BYTE_HEX[bits >>> 24] + BYTE_HEX[(bits >>> 16) & 255] + BYTE_HEX[(bits >>> 8) & 255] + BYTE_HEX[bits & 255];
    }
    return out.slice(0, digits);
  }
}
