import { describe, expect, it } from '@jest/globals';
import {
  FEATURES_PER_TOKEN,
  Lexicon,
  WORD_FEATURES,
  documentFeatures,
  featureCounts,
  orgHeadClass,
  scriptOf,
} from './features.js';
import { GAZETTEER_FLAGS, Gazetteer } from './gazetteer.js';

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

  it('marks tokens inside a multi-word gazetteer entry that starts at a capitalised word', () => {
    const gazetteer = Gazetteer.build([{ name: 'New York', kind: 'location' }], false, true);
    const row = (tokens: string[]) =>
      Array.from(documentFeatures([tokens], 20, gazetteer)[0]?.subarray(FEATURES_PER_TOKEN) ?? []);
    const inEntry = row(['in', 'York', 'New', 'York']);
    expect(inEntry).toEqual(row(['in', 'York', 'New', 'York']));
    // Same words, but "York" after "new" is no entry: only the span templates of "York" differ.
    const contextOnly = (r: number[]) => r.slice(FEATURES_PER_TOKEN * 2 + WORD_FEATURES);
    const a = contextOnly(inEntry);
    const b = contextOnly(row(['in', 'York', 'new', 'York']));
    expect(a.filter((x, i) => x !== b[i]).length).toBeGreaterThan(0);
  });

  describe('feature set 2 (Russian)', () => {
    const gazetteer = Gazetteer.build([{ name: 'маяк', kind: 'morph', flags: GAZETTEER_FLAGS.morphGeo }], true);
    const rows = (tokens: string[]) => {
      const lexicon = new Lexicon(20, gazetteer, undefined, 2);
      return documentFeatures([tokens], 20, gazetteer, lexicon)[0] ?? new Uint32Array(0);
    };
    const { perToken, word } = featureCounts(2);

    it('adds morphology and quote templates to every token', () => {
      expect(rows(['радиостанция', '«', 'Маяк', '»'])).toHaveLength(4 * perToken);
      expect(perToken).toBeGreaterThan(FEATURES_PER_TOKEN);
    });

    it('reads the word before an opening quote inside the quotes', () => {
      const token = (r: Uint32Array, i: number) => Array.from(r.subarray(i * perToken + word, (i + 1) * perToken));
      const radio = token(rows(['радиостанция', '«', 'Маяк', '»', 'сообщила']), 2);
      const party = token(rows(['партия', '«', 'Маяк', '»', 'сообщила']), 2);
      // The neighbour two to the left and the opener template differ, nothing else.
      expect(radio.filter((b, i) => b !== party[i])).toHaveLength(2);
    });

    it('matches morphology flags on the exact form only, not by stem', () => {
      expect(gazetteer.flags('маяк')).toBe(GAZETTEER_FLAGS.morphGeo);
      expect(gazetteer.flags('маяка')).toBe(0);
    });
  });

  describe('feature set 3 (Russian: organisational head nouns)', () => {
    const { perToken, word } = featureCounts(3);
    const rows = (sentences: string[][], set: 2 | 3 = 3) => {
      const lexicon = new Lexicon(20, Gazetteer.none, undefined, set);
      return documentFeatures(sentences, 20, Gazetteer.none, lexicon);
    };
    const context = (r: Uint32Array | undefined, i: number) =>
      Array.from(r?.subarray(i * perToken + word, (i + 1) * perToken) ?? []);

    it('knows head nouns in their inflections, and legal forms as whole words', () => {
      expect(orgHeadClass('министерству')).toBe(1);
      expect(orgHeadClass('министерствами')).toBe(1);
      expect(orgHeadClass('партии')).toBe(2);
      expect(orgHeadClass('компаний')).toBe(3);
      expect(orgHeadClass('ооо')).toBe(3);
      expect(orgHeadClass('радиостанция')).toBe(4);
      expect(orgHeadClass('театром')).toBe(5);
      // Other words that start with a head's stem are none.
      expect(orgHeadClass('советник')).toBe(0);
      expect(orgHeadClass('судьба')).toBe(0);
      expect(orgHeadClass('москва')).toBe(0);
    });

    it('tells Cyrillic words from Latin ones', () => {
      expect(scriptOf('Беспрозванных')).toBe(1);
      expect(scriptOf('Oracle')).toBe(2);
      expect(scriptOf('МакЛарен-Mercedes')).toBe(3);
      expect(scriptOf('2008')).toBe(0);
    });

    it('adds its templates after those of set 2', () => {
      expect(perToken).toBe(featureCounts(2).perToken + 7);
      expect(rows([['компании', 'Oracle']])[0]).toHaveLength(2 * perToken);
      // The templates set 2 has are computed as set 2 computes them.
      const two = featureCounts(2);
      const a = rows([['компании', 'Oracle']], 2)[0]!;
      const b = rows([['компании', 'Oracle']])[0]!;
      expect(Array.from(b.subarray(perToken + word, perToken + word + two.context))).toEqual(
        Array.from(a.subarray(two.perToken + two.word, 2 * two.perToken)),
      );
    });

    it('sees a head noun before the word, whatever the head word is', () => {
      const company = context(rows([['компании', 'Oracle']])[0], 1);
      const bank = context(rows([['банка', 'Oracle']])[0], 1);
      const said = context(rows([['сказал', 'Oracle']])[0], 1);
      // Both heads are companies: only the templates that read the neighbour's own words differ.
      const headDiffers = (x: number[], y: number[]) => x.filter((b, i) => b !== y[i]).length;
      expect(headDiffers(company, said)).toBeGreaterThan(headDiffers(company, bank));
    });

    it('sees the word quoted elsewhere in the document', () => {
      const later = (doc: string[][]) => context(rows(doc)[1], 0);
      const quoted = later([
        ['партия', '«', 'Яблоко', '»'],
        ['Яблоко', 'заявило'],
      ]);
      const plain = later([
        ['партия', 'и', 'Яблоко', 'тоже'],
        ['Яблоко', 'заявило'],
      ]);
      expect(quoted).not.toEqual(plain);
    });
  });
});
