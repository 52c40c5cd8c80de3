// A small seeded generator (mulberry32) whose whole state is one 32-bit integer, so a checkpoint
// can store it and a resumed run draws exactly the numbers the uninterrupted run would have.

/**
 * Deterministic uniform numbers in [0, 1), integers and shuffles from a seed.
 *
 * @example
 * const rng = new SeededRandom(42);
 * const order = rng.permutation(10); // the same order for seed 42, every run
 * const saved = rng.state; // …later: new SeededRandom(0).restore(saved)
 */
export class SeededRandom {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  /** The whole generator state (store it in a checkpoint). */
  get state(): number {
    return this.s;
  }

  restore(state: number): this {
    this.s = state >>> 0;
    return this;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  /** A shuffled 0…n−1. */
  permutation(n: number): number[] {
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }
}
