import { describe, expect, it } from '@jest/globals';
import { stemmer as snowballRussian } from '@orama/stemmers/russian';
import { transliterationKey } from './transliteration.js';
import { analyseWords, normalizeWord, scriptOf, stemWord } from './words.js';

describe('the Russian stemmer dependency', () => {
  // Pairs from the Snowball project's Russian test vocabulary (snowball-data russian/diffs.txt),
  // chosen to exercise each step: adjectives, participles, reflexives, verbs, superlatives, нн.
  it.each([
    ['выборгской', 'выборгск'],
    ['выбрался', 'выбра'],
    ['выброшенные', 'выброшен'],
    ['выведения', 'выведен'],
    ['выглядывая', 'выглядыв'],
    ['выгоднее', 'выгодн'],
    ['выдающеюся', 'выда'],
    ['выдрессированная', 'выдрессирова'],
    ['выздоровевший', 'выздоровевш'],
    ['вызывающий', 'вызыва'],
    ['выпивательными', 'выпивательн'],
    ['выкричишься', 'выкрич'],
    ['выпачканного', 'выпачка'],
    ['выжжены', 'выжж'],
  ])('stems %s as Snowball does: %s', (word, stem) => {
    expect(snowballRussian(word)).toBe(stem);
  });
});

describe('stemWord', () => {
  it('gives forms of a first name one stem where Snowball keeps a vowel on some', () => {
    expect(stemWord('алексея')).toBe(stemWord('алексей'));
    expect(stemWord('сергея')).toBe(stemWord('сергей'));
    expect(stemWord('андрея')).toBe(stemWord('андрей'));
    expect(stemWord('курс')).not.toBe(stemWord('курск'));
    expect(stemWord('курса')).not.toBe(stemWord('курска'));
  });

  it('gives the inflections of a name one stem', () => {
    const forms = ['калининградская', 'калининградской', 'калининградскую', 'калининградском'];
    expect(new Set(forms.map((form) => stemWord(form)))).toEqual(new Set(['калининградск']));
    expect(stemWord('барса')).toBe(stemWord('барс'));
  });

  it('stems English with Porter and leaves other scripts alone', () => {
    expect(stemWord('companies')).toBe(stemWord('company'));
    expect(stemWord('2024')).toBe('2024');
    expect(scriptOf('курск')).toBe('cyrillic');
    expect(scriptOf('kursk')).toBe('latin');
    expect(scriptOf('kursk2')).toBe('other');
  });
});

describe('analyseWords', () => {
  it('splits compounds at hyphens keeping each part’s offsets, and folds case and ё', () => {
    expect(analyseWords('БАРСа-Курска, Ёлка').map(({ norm, start, end }) => [norm, start, end])).toEqual([
      ['барса', 0, 5],
      ['курска', 6, 12],
      ['елка', 14, 18],
    ]);
    expect(normalizeWord('ЁЖИК')).toBe('ежик');
    expect(analyseWords('Besprozvannikov’s blog').map(({ norm, start, end }) => [norm, start, end])).toEqual([
      ['besprozvannikov', 0, 17],
      ['blog', 18, 22],
    ]);
  });
});

describe('transliterationKey', () => {
  const key = (word: string) => {
    const norm = normalizeWord(word);
    return transliterationKey(norm, scriptOf(norm));
  };

  it.each([
    ['Беспрозванных', 'Besprozvannykh'],
    ['Беспрозванного', 'Besprozvannyh'],
    ['Шойгу', 'Shoigu'],
    ['Алексей', 'Alexey'],
    ['Зеленский', 'Zelensky'],
    ['Зеленского', 'Zelenskiy'],
    ['Курской', 'Kursk'],
    ['Хабаровск', 'Khabarovsk'],
    ['Щёкино', 'Shchekino'],
    ['Юрий', 'Yury'],
    ['Наталья', 'Natalya'],
    ['Пётр', 'Pyotr'],
    ['Цой', 'Tsoi'],
    ['Андрей', 'Andrei'],
    ['Алексея', 'Aleksei'],
  ])('gives %s and %s one key', (cyrillic, latin) => {
    expect(key(cyrillic)).toBe(key(latin));
  });

  it('keeps different names apart and skips words of no script', () => {
    expect(key('Курск')).not.toBe(key('Kirov'));
    expect(key('Москва')).not.toBe(key('Moscow'));
    expect(key('2024')).toBeUndefined();
  });
});
