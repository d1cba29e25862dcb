import { describe, expect, it } from '@jest/globals';
import { GAZETTEER_FLAGS } from '@media-monitor/nlp';
import { morphologyEntries } from './ner-morphology.js';

describe('morphologyEntries (the OpenCorpora dictionary of az)', () => {
  const flags = new Map(morphologyEntries().map((e) => [e.name, e.flags ?? 0]));

  it('reads every inflected form of proper names with its grammemes', () => {
    expect(flags.size).toBeGreaterThan(300_000);
    expect(flags.get('минск')).toBe(GAZETTEER_FLAGS.morphGeo);
    expect(flags.get('минске')).toBe(GAZETTEER_FLAGS.morphGeo);
    expect((flags.get('ельцина') ?? 0) & GAZETTEER_FLAGS.morphSurname).toBeTruthy();
    expect((flags.get('алексеевича') ?? 0) & GAZETTEER_FLAGS.morphPatronymic).toBeTruthy();
  });

  it('marks names that are also ordinary words, and leaves ordinary words out', () => {
    const roman = flags.get('роман') ?? 0;
    expect(roman & GAZETTEER_FLAGS.morphName).toBeTruthy();
    expect(roman & GAZETTEER_FLAGS.morphCommon).toBeTruthy();
    expect(flags.has('министерство')).toBe(false);
  });

  it('also lists forms with ё as news writes them, with е', () => {
    expect(flags.get('королёв')).toBeDefined();
    expect(flags.get('королев')).toBe(flags.get('королёв'));
  });
});
