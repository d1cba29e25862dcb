/**
 * A seeded generator of uniform numbers on [0, 1) (mulberry32, 32 bits of state): the same seed
 * gives the same sequence on every run and machine, so fixtures, benchmarks and trained models are
 * reproducible. Not for secrets (use node:crypto).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
