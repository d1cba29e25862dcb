import { describe, expect, it } from '@jest/globals';
import { bioTags, spansFromTags, tagsFromSpans } from './tags.js';

describe('BIO tags', () => {
  it('lists O then B-/I- per type', () => {
    expect(bioTags(['PER', 'LOC'])).toEqual(['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC']);
  });

  it('reads spans, starting a new one at B- and at an I- of another type', () => {
    expect(spansFromTags(['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-ORG', 'I-ORG'])).toEqual([
      { type: 'PER', start: 0, end: 2 },
      { type: 'LOC', start: 3, end: 4 },
      { type: 'LOC', start: 4, end: 5 },
      { type: 'ORG', start: 5, end: 7 },
    ]);
  });

  it('ignores unknown types and writes spans back as tags', () => {
    expect(spansFromTags(['B-DATE', 'O'])).toEqual([]);
    expect(tagsFromSpans(4, [{ type: 'ORG', start: 1, end: 3 }])).toEqual(['O', 'B-ORG', 'I-ORG', 'O']);
  });
});
