import { describe, expect, it } from '@jest/globals';
import { NONLOCAL_FEATURES, nonlocalFeatures, tagKinds } from './nonlocal.js';
import { tagSet } from './tags.js';

const TAGS = tagSet(['PER', 'LOC'], 'BIO');
const KINDS = tagKinds(TAGS);
const tag = (name: string) => TAGS.indexOf(name);

describe('nonlocalFeatures', () => {
  it('reads the entity type and span openings of every tag', () => {
    expect(Array.from(KINDS.types)).toEqual([0, 1, 1, 2, 2]);
    expect(Array.from(KINDS.opens)).toEqual([0, 1, 0, 1, 0]);
    expect(KINDS.count).toBe(3);
    expect(Array.from(tagKinds(tagSet(['PER'], 'BILOU')).opens)).toEqual([0, 1, 0, 0, 1]);
  });

  it('gives every token the same number of buckets, within the table', () => {
    const rows = nonlocalFeatures(
      [Uint32Array.of(1, 2, 3)],
      [Uint8Array.of(2, 2, 1)],
      [Int32Array.of(1, 2, 0)],
      KINDS,
      10,
    );
    expect(rows[0]).toHaveLength(3 * NONLOCAL_FEATURES);
    expect(Array.from(rows[0] ?? []).every((b) => b >= 0 && b < 1 << 10)).toBe(true);
  });

  it('sees what the same word was tagged elsewhere in the document', () => {
    // Word 7 opens the second sentence; elsewhere it was tagged PER in one document, LOC in the other.
    const words = [Uint32Array.of(5, 7), Uint32Array.of(7, 9)];
    const cases = [Uint8Array.of(2, 2), Uint8Array.of(2, 1)];
    const second = (elsewhere: string) =>
      Array.from(
        nonlocalFeatures(
          words,
          cases,
          [Int32Array.of(tag('B-PER'), tag(elsewhere)), Int32Array.of(0, 0)],
          KINDS,
          16,
        )[1]?.subarray(0, NONLOCAL_FEATURES) ?? [],
      );
    const asPerson = second('I-PER');
    const asPlace = second('B-LOC');
    expect(asPerson).not.toEqual(asPlace);
    // The token's own first-pass tag is the same (O) in both: only the document-level features differ.
    expect(asPerson[8]).toBe(asPlace[8]);
  });

  it('is deterministic across calls', () => {
    const args = [[Uint32Array.of(3, 4, 3)], [Uint8Array.of(2, 1, 2)], [Int32Array.of(3, 0, 0)], KINDS, 12] as const;
    expect(nonlocalFeatures(...args)).toEqual(nonlocalFeatures(...args));
  });
});
