/**
 * Parameter draws for variant generators, over a seeded random source (the same seed, the same variant).
 * Ranges are inclusive integers: generators keep numbers exam-like by drawing small integers and simple fractions.
 */
export interface Draw {
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  /** A non-zero integer in [lo, hi]. */
  nonzero(lo: number, hi: number): number;
  /** One of the items. */
  pick<T>(items: readonly T[]): T;
  /** `count` different integers in [lo, hi] (count <= hi - lo + 1), in draw order. */
  distinct(count: number, lo: number, hi: number): number[];
  /** +1 or -1. */
  sign(): 1 | -1;
}

export function makeDraw(random: () => number): Draw {
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  return {
    int,
    nonzero(lo, hi) {
      for (;;) {
        const n = int(lo, hi);
        if (n !== 0) return n;
      }
    },
    pick: (items) => items[Math.floor(random() * items.length)]!,
    distinct(count, lo, hi) {
      const out: number[] = [];
      while (out.length < count) {
        const n = int(lo, hi);
        if (!out.includes(n)) out.push(n);
      }
      return out;
    },
    sign: () => (random() < 0.5 ? -1 : 1),
  };
}
