import { describe, expect, it } from '@jest/globals';
import { tokenize } from '../text/index.js';
import { contribution } from './features.js';
import { AFTER_CONTRAST, BEFORE_CONTRAST, NEGATION_SCOPE, readSentence, scanWords } from './reading.js';

const token = (sentence: string, word: string, language: 'en' | 'ru' = 'en') => {
  const found = readSentence(sentence, language).find((t) => t.norm === word);
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
    const read = readSentence('Smith was praised, but critics called it a failure.', 'en');
    expect(read.find((t) => t.norm === 'praised')?.weight).toBe(BEFORE_CONTRAST);
    expect(read.find((t) => t.norm === 'failure')).toMatchObject({ weight: AFTER_CONTRAST, afterContrast: true });
    expect(token('Smith was praised and admired.', 'praised').weight).toBe(1);
  });

  it('knows which words stand inside quotation marks', () => {
    const en = readSentence('"Smith is a liar," Jones said.', 'en');
    expect(en.find((t) => t.norm === 'liar')?.quoted).toBe(true);
    expect(en.find((t) => t.norm === 'jones')?.quoted).toBe(false);
    const ru = readSentence('«Петров — лжец», — заявил Иванов.', 'ru');
    expect(ru.find((t) => t.norm === 'лжец')?.quoted).toBe(true);
    expect(ru.find((t) => t.norm === 'иванов')?.quoted).toBe(false);
  });

  it('reads Russian negation, contrast and stems', () => {
    expect(token('Проект не был успешным.', 'успешн', 'ru').negated).toBe(true);
    expect(token('Проект был успешным.', 'успешн', 'ru').negated).toBe(false);
    expect(token('Его хвалили, но критики назвали это провалом.', 'провал', 'ru').afterContrast).toBe(true);
    expect(token('Ёлка', 'елка', 'ru').norm).toBe('елка');
  });

  it('finds exactly the words of the shared tokenizer', () => {
    const text = 'BARS-Kaliningrad, «БАРС-Курск» and 2024’s plan — don’t (ignore) it… 𝐁old Ⅻ';
    expect(scanWords(text)).toEqual(tokenize(text).flatMap((t) => [t.start, t.end]));
  });
});

describe('contribution', () => {
  const lexicon = new Map([['good', 0.6]]);

  it('flips a negated word and boosts an intensified one', () => {
    expect(contribution(token('It was good.', 'good'), lexicon)).toBeCloseTo(0.6);
    expect(contribution(token('It was not good.', 'good'), lexicon)).toBeCloseTo(-0.6);
    expect(contribution(token('It was very good.', 'good'), lexicon)).toBeGreaterThan(0.6);
  });
});
