import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { batchLanes } from './batch-lanes.js';

describe('batchLanes', () => {
  it('keeps unrelated items apart and related ones together, in batch order', () => {
    expect(
      batchLanes([
        ['url:a', 'hash:1'],
        ['url:b', 'hash:2'],
        ['url:a', 'hash:3'],
        ['url:c', 'hash:3'],
        ['url:d', 'hash:4'],
      ]),
    ).toEqual([[0, 2, 3], [1], [4]]);
  });

  it('joins lanes linked only through a later item', () => {
    expect(batchLanes([['a'], ['b'], ['a', 'b']])).toEqual([[0, 1, 2]]);
  });

  it('puts every index in exactly one lane, ascending, and items sharing a key in the same lane', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('k1', 'k2', 'k3', 'k4', 'k5', 'k6'), { maxLength: 3 })), (keys) => {
        const lanes = batchLanes(keys);
        expect(
          lanes
            .flat()
            .slice()
            .sort((a, b) => a - b),
        ).toEqual(keys.map((_, i) => i));
        for (const lane of lanes) expect(lane).toEqual([...lane].sort((a, b) => a - b));
        const laneOf = new Map(lanes.flatMap((lane, l) => lane.map((i) => [i, l] as const)));
        keys.forEach((a, i) =>
          keys.forEach((b, j) => {
            if (a.some((key) => b.includes(key))) expect(laneOf.get(i)).toBe(laneOf.get(j));
          }),
        );
      }),
    );
  });
});
