import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAliasResolver } from './aliases.js';
import { analyseDocument } from './document.js';
import { compileQuery } from './query.js';

// The product's defining articles, read from the shared data folder (never copied into the repository).
const samples = join(
  process.env['MEDIA_MONITOR_DATA_DIR'] ?? resolve(process.cwd(), '..', 'shared', 'data'),
  'samples',
);
const present = existsSync(join(samples, 'bars-kaliningrad.ru.txt'));
if (!present) process.stderr.write(`[query] skipping the sample-article tests: ${samples} is absent\n`);

const article = (lang: 'ru' | 'en') =>
  analyseDocument({
    body: readFileSync(join(samples, `bars-kaliningrad.${lang}.txt`), 'utf8'),
    lang,
    sourceId: 'sample',
  });

const aliases = createAliasResolver([
  { id: 'unit:bars-kursk', aliases: ['БАРС-Курск', 'BARS-Kursk'] },
  { id: 'unit:bars-kaliningrad', aliases: ['БАРС-Калининград', 'BARS-Kaliningrad'] },
  {
    id: 'person:besprozvannykh',
    aliases: ['Алексей Беспрозванных', 'Беспрозванных', 'Alexei Besprozvannikov', 'Besprozvannikov'],
  },
]);

(present ? describe : describe.skip)('topic queries on the BARS-Kaliningrad sample articles', () => {
  const matched = (query: string, lang: 'ru' | 'en') => compileQuery(query, { aliases }).match(article(lang));

  it('finds the inflected region and the unit in the Russian report', () => {
    const result = matched('"Калининградская область" AND БАРС*', 'ru');
    expect(result.matched).toBe(true);
    expect(result.hits.map((hit) => hit.matchedText)).toEqual([
      'Калининградской области',
      'БАРС',
      'БАРС',
      'Калининградская область',
      'БАРС',
      'БАРСа',
    ]);
  });

  it('measures NEAR in words on real sentences', () => {
    expect(matched('губернатор NEAR/3 Алексей', 'ru').matched).toBe(true);
    expect(matched('губернатор NEAR/2 Алексей', 'ru').matched).toBe(false);
  });

  it('resolves the same entities in both languages', () => {
    for (const lang of ['ru', 'en'] as const) {
      expect(matched('entity:unit:bars-kursk AND entity:person:besprozvannykh', lang).matched).toBe(true);
    }
    expect(matched('entity:person:besprozvannykh', 'en').hits[0]?.matchedText).toBe('Alexei Besprozvannikov');
  });

  it('expands a Russian name to its English alias', () => {
    const result = matched('lang:en Беспрозванных', 'en');
    expect(result.hits[0]).toMatchObject({ term: 'Беспрозванных', alias: 'Alexei Besprozvannikov' });
  });

  it('excludes with NOT on inflected words', () => {
    expect(matched('"Курская область" -Белгород*', 'ru').matched).toBe(false);
    expect(matched('"Kaliningrad Oblast" "territorial defense" -Belgorod', 'en').matched).toBe(false);
    expect(matched('"Kaliningrad Oblast" "territorial defense" -Moscow', 'en').matched).toBe(true);
  });
});
