import { describe, expect, it } from '@jest/globals';
import { schemeOf, spansFromTags, tagSet, tagsFromSpans } from './tags.js';

describe('tags', () => {
  it('lists O then the prefixes of the scheme per type', () => {
    expect(tagSet(['PER'], 'BILOU')).toEqual(['O', 'B-PER', 'I-PER', 'L-PER', 'U-PER']);
    expect(tagSet(['PER', 'LOC'], 'BIO')).toEqual(['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC']);
    expect(schemeOf(tagSet(['PER'], 'BILOU'))).toBe('BILOU');
    expect(schemeOf(tagSet(['PER'], 'BIO'))).toBe('BIO');
  });

  it('reads BIO spans, starting a new one at B- and at an I- of another type', () => {
    expect(spansFromTags(['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-ORG', 'I-ORG'])).toEqual([
      { type: 'PER', start: 0, end: 2 },
      { type: 'LOC', start: 3, end: 4 },
      { type: 'LOC', start: 4, end: 5 },
      { type: 'ORG', start: 5, end: 7 },
    ]);
  });

  it('reads BILOU spans, closing at L- and U-', () => {
    expect(spansFromTags(['U-PER', 'U-PER', 'B-ORG', 'I-ORG', 'L-ORG', 'L-LOC'])).toEqual([
      { type: 'PER', start: 0, end: 1 },
      { type: 'PER', start: 1, end: 2 },
      { type: 'ORG', start: 2, end: 5 },
      { type: 'LOC', start: 5, end: 6 },
    ]);
  });

  it('ignores unknown types and writes spans back as BILOU or BIO tags', () => {
    expect(spansFromTags(['B-DATE', 'O'])).toEqual([]);
    expect(
      tagsFromSpans(
        6,
        [
          { type: 'ORG', start: 1, end: 4 },
          { type: 'LOC', start: 5, end: 6 },
        ],
        'BILOU',
      ),
    ).toEqual(['O', 'B-ORG', 'I-ORG', 'L-ORG', 'O', 'U-LOC']);
    expect(tagsFromSpans(3, [{ type: 'ORG', start: 0, end: 2 }])).toEqual(['B-ORG', 'I-ORG', 'O']);
  });
});
