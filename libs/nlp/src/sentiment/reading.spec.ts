import { describe, expect, it } from '@jest/globals';
import { tokenize } from '../text/index.js';
import { STEM_KEY } from './cues.js';
import { contribution } from './features.js';
import { AFTER_CONTRAST, BEFORE_CONTRAST, NEGATION_SCOPE, readSentence, scanWords } from './reading.js';

/** The read token of a word, found by its text in the sentence (norms are stems). */
const token = (sentence: string, word: string, language: 'en' | 'ru' = 'en') => {
  const found = readSentence(sentence, language).find((t) => sentence.slice(t.start, t.end) === word);
  if (!found) throw new Error(`no "${word}" in "${sentence}"`);
  return found;
};

describe('readSentence', () => {
  it('marks the words a negator reaches, "didn\'t" included', () => {
    expect(token('The plan was good.', 'good').negated).toBe(false);
    expect(token('The plan was not good.', 'good').negated).toBe(true);
    expect(token("Voters didn't like the plan.", 'like').negated).toBe(true);
  });

  it('ends a negation at the clause boundary and after its scope', () => {
    expect(token('It was not good, and the team was great.', 'great').negated).toBe(false);
    const far = 'It was not at all in any way good.';
    expect(NEGATION_SCOPE).toBeLessThan(6);
    expect(token(far, 'good').negated).toBe(false);
  });

  it('keeps no state between sentences: a negation never leaks into the next call', () => {
    readSentence('This is not', 'en');
    expect(token('good news', 'good').negated).toBe(false);
  });

  it('shifts weight from before "but" to after it', () => {
    const sentence = 'Smith was praised, but critics called it a failure.';
    expect(token(sentence, 'praised').weight).toBe(BEFORE_CONTRAST);
    expect(token(sentence, 'failure')).toMatchObject({ weight: AFTER_CONTRAST, afterContrast: true });
    expect(token('Smith was praised and admired.', 'praised').weight).toBe(1);
  });

  it('knows which words stand inside quotation marks', () => {
    const en = '"Smith is a liar," Jones said.';
    expect(token(en, 'liar').quoted).toBe(true);
    expect(token(en, 'Jones').quoted).toBe(false);
    const ru = '«Петров — лжец», — заявил Иванов.';
    expect(token(ru, 'лжец', 'ru').quoted).toBe(true);
    expect(token(ru, 'Иванов', 'ru').quoted).toBe(false);
  });

  it('reads Russian negation, contrast and stems', () => {
    expect(token('Проект не был успешным.', 'успешным', 'ru')).toMatchObject({ negated: true, norm: 'успешн' });
    expect(token('Проект был успешным.', 'успешным', 'ru').negated).toBe(false);
    expect(token('Его хвалили, но критики назвали это провалом.', 'провалом', 'ru').afterContrast).toBe(true);
    expect(token('Ёлка', 'Ёлка', 'ru').norm).toBe('елка');
  });

  it('keys English words on their stems and gives Russian words their Snowball stem too', () => {
    expect(token('Critics criticized the plan.', 'criticized').norm).toBe(
      token('She criticizes it.', 'criticizes').norm,
    );
    expect(token('It was praised.', 'praised').stemKey).toBeUndefined();
    expect(token('Президент похвалил губернатора.', 'похвалил', 'ru')).toMatchObject({
      norm: 'похвал',
      stemKey: `${STEM_KEY}похвал`,
    });
    expect(token('Её раскритиковали.', 'раскритиковали', 'ru')).toMatchObject({
      norm: 'раскри',
      stemKey: `${STEM_KEY}раскритикова`,
    });
  });

  it('finds exactly the words of the shared tokenizer', () => {
    const text = 'BARS-Kaliningrad, «БАРС-Курск» and 2024’s plan — don’t (ignore) it… 𝐁old Ⅻ';
    expect(scanWords(text)).toEqual(tokenize(text).flatMap((t) => [t.start, t.end]));
  });
});

describe('contribution', () => {
  const lexicon = new Map([['good', 0.6]]);

  it('looks a Russian word up by its normalised form first, then by its stem', () => {
    const ru = new Map([
      [`${STEM_KEY}похвал`, 1],
      ['раскри', -0.4],
      [`${STEM_KEY}раскритикова`, -1],
    ]);
    expect(contribution(token('Его похвалили.', 'похвалили', 'ru'), ru)).toBe(1);
    expect(contribution(token('Его раскритиковали.', 'раскритиковали', 'ru'), ru)).toBeCloseTo(-0.4);
  });

  it('flips a negated word and boosts an intensified one', () => {
    expect(contribution(token('It was good.', 'good'), lexicon)).toBeCloseTo(0.6);
    expect(contribution(token('It was not good.', 'good'), lexicon)).toBeCloseTo(-0.6);
    expect(contribution(token('It was very good.', 'good'), lexicon)).toBeGreaterThan(0.6);
  });
});
