/**
 * A set of unordered organisation pairs in typed arrays: open addressing with linear probing over a
 * power-of-two table of Float64 keys (min · 2^26 + max + 1; 0 marks an empty slot), grown at half
 * full. A JavaScript Set of such keys holds them as heap numbers (they exceed the small-integer
 * range) and was the simulator's hottest allocation; this allocates only when it grows.
 * Organisation indices must be below 2^26. Cost O(1) expected per add and lookup.
 */
const SHIFT = 67108864; // 2^26

export class PairSet {
  private keys: Float64Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.keys = new Float64Array(cap);
    this.mask = cap - 1;
  }

  private static slot(lo: number, hi: number, mask: number): number {
    return (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca6b)) & mask;
  }

  add(a: number, b: number): void {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const key = lo * SHIFT + hi + 1;
    let i = PairSet.slot(lo, hi, this.mask);
    const keys = this.keys;
    while (keys[i] !== 0) {
      if (keys[i] === key) return;
      i = (i + 1) & this.mask;
    }
    keys[i] = key;
    if (++this.size * 2 > keys.length) this.grow();
  }

  has(a: number, b: number): boolean {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const key = lo * SHIFT + hi + 1;
    const keys = this.keys;
    let i = PairSet.slot(lo, hi, this.mask);
    while (keys[i] !== 0) {
      if (keys[i] === key) return true;
      i = (i + 1) & this.mask;
    }
    return false;
  }

  /** Empties the set, keeping its table. */
  clear(): void {
    this.keys.fill(0);
    this.size = 0;
  }

  private grow(): void {
    const old = this.keys;
    this.keys = new Float64Array(old.length * 2);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let k = 0; k < old.length; k++) {
      const key = old[k];
      if (key === 0) continue;
      const hi = (key - 1) % SHIFT;
      this.add((key - 1 - hi) / SHIFT, hi);
    }
  }
}
