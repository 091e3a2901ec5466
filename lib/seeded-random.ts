/** A number in [0, 1) from a seeded generator. */
export type Random = () => number;

/**
 * mulberry32: tiny, fast and good enough for shaping demo and benchmark data; the same seed gives the same sequence
 * on every machine, so generated data is deterministic.
 */
export function prng(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
