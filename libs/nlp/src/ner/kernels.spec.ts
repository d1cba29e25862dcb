import { describe, expect, it } from '@jest/globals';
import { addRows } from './kernels.js';

/** The plain loop the unrolled kernels replace. */
function reference(k: number, w: ArrayLike<number>, features: Uint32Array): number[] {
  const scores = new Array<number>(k).fill(0.5);
  for (const f of features) for (let t = 0; t < k; t++) scores[t]! += w[f * k + t]!;
  return scores;
}

describe('addRows', () => {
  for (const k of [5, 9, 13]) {
    it(`adds the weight rows of ${k} tags, for int16 and float tables alike`, () => {
      const buckets = 50;
      const ints = Int16Array.from({ length: buckets * k }, (_, i) => ((i * 7919) % 201) - 100);
      const floats = Float32Array.from(ints, (v) => v / 8);
      const features = Uint32Array.of(3, 17, 3, 49, 0);
      for (const w of [ints, floats]) {
        const scores = new Float64Array(k + 2).fill(0.5);
        addRows(scores, 1, w, features, 0, features.length, k);
        expect(Array.from(scores.subarray(1, k + 1))).toEqual(reference(k, w, features));
        expect([scores[0], scores[k + 1]]).toEqual([0.5, 0.5]);
      }
    });
  }
});
