import { describe, expect, it } from '@jest/globals';
import { factRuTaggedDocument, parseFactRuDocument } from './factru.js';

// A hand-made document in the factRuEval layout: «мэр Москвы Сергей Собянин посетил мэрию Москвы».
const TEXT = 'Мэр Москвы Сергей Собянин посетил мэрию Москвы.';
const TOKENS = [
  '1 0 3 Мэр',
  '2 4 6 Москвы',
  '3 11 6 Сергей',
  '4 18 7 Собянин',
  '5 26 7 посетил',
  '6 34 5 мэрию',
  '7 40 6 Москвы',
  '8 46 1 .',
]
  .map((line) => `${line}\n`)
  .join('');
const SPANS = [
  '10 job 0 3 1 1  # 1 Мэр',
  '11 loc_name 4 6 2 1  # 2 Москвы',
  '12 name 11 6 3 1  # 3 Сергей',
  '13 surname 18 7 4 1  # 4 Собянин',
  '14 org_descr 34 5 6 1  # 6 мэрию',
  '15 loc_name 40 6 7 1  # 7 Москвы',
].join('\n');
const OBJECTS = [
  '20 LocOrg 11 # Москвы',
  '21 Person 12 13 10 # Сергей Собянин Мэр',
  '22 Org 14 15 # мэрию Москвы',
  '23 LocOrg 15 # Москвы',
].join('\n');

describe('factRuEval reading', () => {
  const doc = parseFactRuDocument('fixture', TEXT, TOKENS, SPANS, OBJECTS);

  it('runs each entity from its first to its last name span, without descriptors', () => {
    expect(doc.entities).toEqual([
      { type: 'LOC', start: 4, end: 10 },
      { type: 'PER', start: 11, end: 25 },
      { type: 'LOC', start: 40, end: 46 },
    ]);
  });

  it('reads tokens with offsets into the text', () => {
    expect(doc.tokens.map((t) => t.text)).toEqual([
      'Мэр',
      'Москвы',
      'Сергей',
      'Собянин',
      'посетил',
      'мэрию',
      'Москвы',
      '.',
    ]);
  });

  it('tags the tokens for training', () => {
    expect(factRuTaggedDocument(doc).sentences).toEqual([
      {
        tokens: ['Мэр', 'Москвы', 'Сергей', 'Собянин', 'посетил', 'мэрию', 'Москвы', '.'],
        tags: ['O', 'U-LOC', 'B-PER', 'L-PER', 'O', 'O', 'U-LOC', 'O'],
      },
    ]);
  });

  it('counts a place named by an org_name span (the LocOrg РФ) as a location', () => {
    const text = 'Минсельхоз РФ';
    const place = parseFactRuDocument(
      'org-name',
      text,
      '1 0 10 Минсельхоз\n2 11 2 РФ\n',
      '10 org_name 0 10 1 1\n11 org_name 11 2 2 1\n',
      '20 Org 10 11 # Минсельхоз РФ\n21 LocOrg 11 # РФ\n',
    );
    expect(place.entities).toEqual([
      { type: 'ORG', start: 0, end: 13 },
      { type: 'LOC', start: 11, end: 13 },
    ]);
  });

  it('rejects malformed offsets', () => {
    expect(() => parseFactRuDocument('bad', TEXT, '1 x 3 Мэр\n', '', '')).toThrow('ner.factru.invalid');
  });
});
