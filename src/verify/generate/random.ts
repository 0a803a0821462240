// A small seeded random source for the generated phases: the same seed gives the same cases on every machine, and
// the package needs no property-testing library at run time (fast-check is a devDependency only).

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A random subset of `items`, in their order, of between `min` and `max` items. */
  subset<T>(items: readonly T[], min?: number, max?: number): T[];
}

/** mulberry32: 32 bits of state, fast, and good enough to spread cases over a spec. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => items[int(0, items.length - 1)] as (typeof items)[number],
    subset(items, min = 0, max = items.length) {
      const size = int(min, Math.min(max, items.length));
      const chosen = new Set<number>();
      while (chosen.size < size) chosen.add(int(0, items.length - 1));
      return [...chosen].sort((a, b) => a - b).map((i) => items[i] as (typeof items)[number]);
    },
  };
}
