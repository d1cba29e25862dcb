import { describe, expect, it } from '@jest/globals';
import { FEATURES_PER_TOKEN, documentFeatures } from './features.js';

describe('documentFeatures', () => {
  it('gives every token the same number of buckets, within the table', () => {
    const [row] = documentFeatures([['Alexei', 'Besprozvannikov', 'joined', 'BARS-Kaliningrad', '.']], 12);
    expect(row).toHaveLength(5 * FEATURES_PER_TOKEN);
    expect(Array.from(row ?? []).every((b) => b >= 0 && b < 1 << 12)).toBe(true);
  });

  it('is deterministic', () => {
    const doc = [['Калининградской', 'области']];
    expect(documentFeatures(doc, 16)).toEqual(documentFeatures(doc, 16));
  });

  it('sees how the same word is written elsewhere in the document', () => {
    const first = (doc: string[][]) => Array.from(documentFeatures(doc, 20)[0]?.subarray(0, FEATURES_PER_TOKEN) ?? []);
    const capitalisedElsewhere = first([
      ['Bank', 'said'],
      ['The', 'Bank', 'rose'],
    ]);
    const lowerElsewhere = first([
      ['Bank', 'said'],
      ['the', 'bank', 'rose'],
    ]);
    const differing = capitalisedElsewhere.filter((b, i) => b !== lowerElsewhere[i]);
    expect(differing).toHaveLength(1);
  });

  it('reads the neighbours of a token', () => {
    const a = documentFeatures([['in', 'Moscow']], 20)[0]?.subarray(FEATURES_PER_TOKEN);
    const b = documentFeatures([['from', 'Moscow']], 20)[0]?.subarray(FEATURES_PER_TOKEN);
    expect(a).not.toEqual(b);
  });
});
