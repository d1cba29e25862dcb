import { describe, expect, it } from '@jest/globals';
import { tokenize, wordMatches, type Token } from '@media-monitor/nlp';
import { mulberry32 } from '@media-monitor/random';
import { Gazetteer, type CanonicalEntity, type EntityMatch } from './gazetteer.js';
import { SEED_ENTITIES } from './seed-entities.js';

/** The gazetteer's definition, without the index: every alias (longest first) at every position. */
function scanAll(entities: readonly CanonicalEntity[], text: string): EntityMatch[] {
  const aliases = entities
    .flatMap((entity) =>
      entity.aliases.map((alias) => {
        const { text: t, caseSensitive } = typeof alias === 'string' ? { text: alias, caseSensitive: false } : alias;
        return { entity, words: tokenize(t).map((w) => w.text), caseSensitive };
      }),
    )
    .sort((a, b) => b.words.length - a.words.length);
  const tokens = tokenize(text);
  const taken = new Array<boolean>(tokens.length).fill(false);
  const found = new Map<string, EntityMatch>();
  for (const alias of aliases) {
    for (let i = 0; i + alias.words.length <= tokens.length; i++) {
      const fits = alias.words.every(
        (w, k) => !taken[i + k] && wordMatches(w, tokens[i + k]?.text ?? '', alias.caseSensitive),
      );
      if (!fits) continue;
      for (let k = i; k < i + alias.words.length; k++) taken[k] = true;
      const first = tokens[i] as Token;
      const last = tokens[i + alias.words.length - 1] as Token;
      const match = found.get(alias.entity.entityId) ?? {
        entityId: alias.entity.entityId,
        name: alias.entity.name,
        type: alias.entity.type,
        mentions: [],
      };
      match.mentions.push({ text: text.slice(first.start, last.end), start: first.start, end: last.end });
      found.set(alias.entity.entityId, match);
    }
  }
  for (const match of found.values()) match.mentions.sort((a, b) => a.start - b.start);
  return [...found.values()].sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
}

describe('Gazetteer index', () => {
  it('finds exactly what scanning every alias at every position finds', () => {
    const entities: CanonicalEntity[] = [
      ...SEED_ENTITIES,
      { entityId: 'org:es', name: 'ЕС', type: 'ORG', aliases: ['ЕС', 'Евросоюз'] },
      { entityId: 'loc:kursk', name: 'Kursk', type: 'LOC', aliases: ['Kursk', 'Курск'] },
      { entityId: 'misc:ab', name: 'AB', type: 'MISC', aliases: [{ text: 'AB', caseSensitive: true }, 'Ab Cd Ef'] },
    ];
    const words = [
      ...entities.flatMap((e) => e.aliases.map((a) => (typeof a === 'string' ? a : a.text))),
      'Курской',
      'области',
      'БАРСа',
      'Курска',
      'ЕСа',
      'Евросоюза',
      'bars',
      'ab',
      'AB',
      'cd',
      'Ef',
      'the',
      'и',
      'в',
      'Калининградской',
      'Беспрозванного',
      'Минобороны',
      '—',
      'BARS-Kurska',
      'Kursk-BARS',
      'Ёлка',
    ];
    const next = mulberry32(20261201);
    const gazetteer = new Gazetteer(entities);
    let mentions = 0;
    for (let n = 0; n < 400; n++) {
      const text = Array.from(
        { length: 5 + Math.floor(next() * 25) },
        () => words[Math.floor(next() * words.length)],
      ).join(next() < 0.5 ? ' ' : ', ');
      const found = gazetteer.find(text);
      expect({ text, found }).toEqual({ text, found: scanAll(entities, text) });
      mentions += found.reduce((sum, e) => sum + e.mentions.length, 0);
    }
    // The texts are dense with names, so the comparison covers many matches, not empty results.
    expect(mentions).toBeGreaterThan(2_000);
  });
});
