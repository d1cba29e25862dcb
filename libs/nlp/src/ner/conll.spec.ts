import { describe, expect, it } from '@jest/globals';
import { parseConll } from './conll.js';

describe('parseConll', () => {
  it('splits documents at -DOCSTART- and sentences at blank lines, reading the last column', () => {
    const docs = parseConll(
      [
        '-DOCSTART- -X- -X- O',
        '',
        'EU NNP B-NP B-ORG',
        'rejects VBZ B-VP O',
        '',
        'Peter NNP B-NP B-PER',
        '',
        '-DOCSTART- -X- -X- O',
        '',
        'Paris NNP B-NP B-LOC',
        '',
      ].join('\n'),
    );
    expect(docs).toHaveLength(2);
    expect(docs[0]?.sentences).toEqual([
      { tokens: ['EU', 'rejects'], tags: ['B-ORG', 'O'] },
      { tokens: ['Peter'], tags: ['B-PER'] },
    ]);
    expect(docs[1]?.sentences[0]?.tokens).toEqual(['Paris']);
  });

  it('rejects a line without a tag column', () => {
    expect(() => parseConll('EU B-ORG\nrejects\n')).toThrow('ner.conll.invalid: line 2');
  });
});
