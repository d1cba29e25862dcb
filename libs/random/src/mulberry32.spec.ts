import { describe, expect, it } from '@jest/globals';
import { mulberry32 } from './mulberry32.js';

/** mulberry32 as its author wrote it (signed state), to check the shared copy draws the same numbers. */
function reference(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const draw = (next: () => number, n: number) => Array.from({ length: n }, next);

describe('mulberry32', () => {
  it('draws the reference sequence for any seed, negative and over 32 bits included', () => {
    for (const seed of [0, 1, 42, 0x9e3779b9, -7, 2 ** 32 + 5]) {
      expect(draw(mulberry32(seed), 1_000)).toEqual(draw(reference(seed), 1_000));
    }
  });

  it('repeats a seed, differs between seeds, and stays on [0, 1) with a mean near one half', () => {
    expect(draw(mulberry32(7), 100)).toEqual(draw(mulberry32(7), 100));
    expect(draw(mulberry32(7), 100)).not.toEqual(draw(mulberry32(8), 100));
    const values = draw(mulberry32(123), 100_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });
});
