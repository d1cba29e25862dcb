import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recognize, type EntityMention } from './recognize.js';

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const dataDir = process.env['MEDIA_MONITOR_DATA_DIR'] ?? join(repositoryRoot, '..', 'shared', 'data');
const samplesDir = join(dataDir, 'samples');
const haveSamples = existsSync(join(samplesDir, 'bars-kaliningrad.en.txt'));
if (!haveSamples) process.stderr.write(`[ner] skipping the sample-article tests: ${samplesDir} is absent\n`);

const sample = (language: string) => readFileSync(join(samplesDir, `bars-kaliningrad.${language}.txt`), 'utf8');
const found = (mentions: EntityMention[]) => mentions.map((m) => `${m.type}:${m.text}`);
/** Words that some mention covers, whatever its type and extent. */
const covered = (mentions: EntityMention[]) => mentions.flatMap((m) => m.text.split(/\s+/));

describe('recognize', () => {
  it('maps mentions back to character offsets of the input', () => {
    const text = 'Yesterday  Angela Merkel met Vladimir Putin in Berlin.';
    const mentions = recognize(text, 'en');
    expect(mentions.length).toBeGreaterThan(0);
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(found(mentions)).toEqual(expect.arrayContaining(['PER:Angela Merkel', 'PER:Vladimir Putin', 'LOC:Berlin']));
  });

  it('answers empty text with no mentions and rejects unknown languages', () => {
    expect(recognize('', 'ru')).toEqual([]);
    expect(() => recognize('Bonjour Paris', 'fr')).toThrow('ner.language.unsupported');
  });

  (haveSamples ? it : it.skip)('finds the people, places and units of the English sample article', () => {
    const mentions = found(recognize(sample('en'), 'en'));
    expect(mentions).toEqual(
      expect.arrayContaining([
        'PER:Alexei Besprozvannikov',
        'PER:Dmitry Novikov',
        'PER:Ikonnikov',
        'ORG:BARS-Kaliningrad',
        'ORG:BARS-Kursk',
        'LOC:Russian Federation',
      ]),
    );
  });

  (haveSamples ? it : it.skip)('finds the inflected names of the Russian sample article', () => {
    const mentions = found(recognize(sample('ru'), 'ru'));
    expect(mentions).toEqual(
      expect.arrayContaining([
        'PER:Алексей Беспрозванных',
        'PER:Дмитрий Новиков',
        'PER:Иконников',
        'ORG:БАРС-Калининград',
        'ORG:БАРС-Курск',
      ]),
    );
    // The regions are found, but with 30,000 training tokens their type and extent
    // (Курской области alone, or inside «главы Конышёвского района Курской области») vary.
    expect(covered(recognize(sample('ru'), 'ru'))).toEqual(
      expect.arrayContaining(['Калининградской', 'Курской', 'Белгородской']),
    );
  });
});
