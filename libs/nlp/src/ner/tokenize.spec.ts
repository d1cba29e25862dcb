import { describe, expect, it } from '@jest/globals';
import { sentenceRanges, tokenizeForNer } from './tokenize.js';

describe('tokenizeForNer', () => {
  it('keeps compounds and abbreviations whole and punctuation apart, with offsets', () => {
    const text = 'The U.S. and «БАРС-Калининград», 1996-08-22.';
    const tokens = tokenizeForNer(text);
    expect(tokens.map((t) => t.text)).toEqual([
      'The',
      'U.S.',
      'and',
      '«',
      'БАРС-Калининград',
      '»',
      ',',
      '1996-08-22',
      '.',
    ]);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });
});

describe('sentenceRanges', () => {
  it('cuts after a full stop before a capital and at line breaks', () => {
    const text = 'He left. She came in 2.5 hours\nNext line. and more';
    const tokens = tokenizeForNer(text);
    const ranges = sentenceRanges(tokens, (a, b) => text.slice(a.end, b.start));
    const sentences = ranges.map(([from, to]) =>
      tokens
        .slice(from, to)
        .map((t) => t.text)
        .join(' '),
    );
    expect(sentences).toEqual(['He left .', 'She came in 2.5 hours', 'Next line . and more']);
  });
});
