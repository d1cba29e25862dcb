import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { nameKey, recognizeEntities } from './entity-recognizer.js';
import { Gazetteer } from './gazetteer.js';
import { SEED_ENTITIES } from './seed-entities.js';

const gazetteer = new Gazetteer(SEED_ENTITIES);
const samples = new URL('../../../../../../shared/data/samples/', import.meta.url);

describe('recognizeEntities', () => {
  it('keeps known entities canonical and adds names the model finds, one entity per referent', () => {
    const text =
      'Governor Alexei Besprozvannikov met Pavel Sokolov in Kaliningrad. Later, Sokolov visited the BARS-Kursk battalion.';
    const entities = recognizeEntities(text, 'en', gazetteer);
    const ids = entities.map((e) => e.entityId);
    expect(ids).toEqual(expect.arrayContaining(['per:alexei-besprozvannikov', 'loc:kaliningrad', 'unit:bars-kursk']));
    const sokolov = entities.find((e) => e.name === 'Pavel Sokolov');
    expect(sokolov?.type).toBe('PER');
    // The surname alone joins the full name mentioned before it.
    expect(sokolov?.mentions.map((m) => m.text)).toEqual(['Pavel Sokolov', 'Sokolov']);
    for (const entity of entities) for (const m of entity.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('keys inflected Russian forms of a name alike, and different names apart', () => {
    expect(nameKey('Тверской области')).toEqual(nameKey('Тверская область'));
    expect(nameKey('«Тверская область»')).toEqual(nameKey('Тверской области'));
    expect(nameKey('Тверской области')).not.toEqual(nameKey('Курской области'));
  });

  it('uses only the alias registry for languages without a model', () => {
    expect(
      recognizeEntities('BARS-Kursk und Herr Müller trafen sich.', 'de', gazetteer).map((e) => e.entityId),
    ).toEqual(['unit:bars-kursk']);
  });

  const sample = new URL('bars-kaliningrad.en.txt', samples);
  (existsSync(sample) ? it : it.skip)('finds every entity the product README lists in the English sample', () => {
    const text = readFileSync(sample, 'utf8');
    const ids = new Set(recognizeEntities(text, 'en', gazetteer).map((e) => e.entityId));
    for (const id of [
      'per:alexei-besprozvannikov',
      'per:dmitry-novikov',
      'per:ikonnikov',
      'unit:bars-kaliningrad',
      'unit:bars-kursk',
      'unit:bars',
      'org:russian-ministry-of-defense',
      'org:telegram',
      'loc:kaliningrad-oblast',
      'loc:kursk-oblast',
      'loc:belgorod-oblast',
      'loc:konyshevsky-district',
      'loc:kaliningrad',
      'loc:russia',
    ]) {
      expect({ id, found: ids.has(id) }).toEqual({ id, found: true });
    }
  });

  const russianSample = new URL('bars-kaliningrad.ru.txt', samples);
  (existsSync(russianSample) ? it : it.skip)(
    'resolves the inflected names of the Russian sample to the same canonical entities, with their types',
    () => {
      const entities = recognizeEntities(readFileSync(russianSample, 'utf8'), 'ru', gazetteer);
      const types = new Map<string, string>(entities.map((e) => [e.entityId, e.type]));
      const expected: Array<[string, string]> = [
        ['per:alexei-besprozvannikov', 'PER'],
        ['per:dmitry-novikov', 'PER'],
        ['per:ikonnikov', 'PER'],
        ['unit:bars-kaliningrad', 'UNIT'],
        ['unit:bars-kursk', 'UNIT'],
        ['unit:bars', 'UNIT'],
        ['org:russian-ministry-of-defense', 'ORG'],
        ['loc:kaliningrad-oblast', 'LOC'],
        ['loc:kursk-oblast', 'LOC'],
        ['loc:belgorod-oblast', 'LOC'],
        ['loc:konyshevsky-district', 'LOC'],
      ];
      for (const [id, type] of expected) {
        expect({ id, type: types.get(id) }).toEqual({ id, type });
      }
    },
  );
});
