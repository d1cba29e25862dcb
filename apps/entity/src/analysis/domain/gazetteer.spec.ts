import { describe, expect, it } from '@jest/globals';
import { Gazetteer } from './gazetteer.js';
import { SEED_ENTITIES } from './seed-entities.js';

const gazetteer = new Gazetteer(SEED_ENTITIES);
const ids = (text: string) => gazetteer.find(text).map((e) => e.entityId);

describe('Gazetteer', () => {
  it('finds Latin aliases with exact offsets, longest alias first', () => {
    const text = 'Governor Alexei Besprozvannikov joined BARS-Kaliningrad in the Kaliningrad Oblast.';
    const found = gazetteer.find(text);
    expect(found.map((e) => e.entityId)).toEqual([
      'per:alexei-besprozvannikov',
      'unit:bars-kaliningrad',
      'loc:kaliningrad-oblast',
    ]);
    for (const entity of found) for (const m of entity.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('resolves inflected Russian forms to the same canonical entities', () => {
    const text =
      'Губернатор Калининградской области Алексей Беспрозванных вступил в батальон БАРСа, как и бойцы «БАРС-Курск».';
    expect(ids(text)).toEqual(['loc:kaliningrad-oblast', 'per:alexei-besprozvannikov', 'unit:bars', 'unit:bars-kursk']);
  });

  it('keeps case-sensitive acronyms apart from ordinary words', () => {
    expect(ids('He ate two chocolate bars and a барсук ran by.')).toEqual([]);
    expect(ids('The BARS reserve grew.')).toEqual(['unit:bars']);
  });

  it('groups repeated mentions of one entity', () => {
    const [entity] = gazetteer.find('Besprozvannikov spoke. Later Besprozvannikov left.');
    expect(entity?.mentions).toHaveLength(2);
  });
});
