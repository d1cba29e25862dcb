import { isNerLanguage, normalizeWord, recognize, stemWord, type RecognizedMention } from '@media-monitor/nlp';
import type { EntityMatch, Gazetteer } from './gazetteer.js';

/** Words of a name, lower-cased and stemmed, so «Калининградской области» and «Калининградская область» agree. */
export function nameKey(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).map((word) => stemWord(normalizeWord(word)));
}

/**
 * The entities of an article: first the known ones (the alias registry: canonical ids, every
 * script and inflection), then the names the trained NER model finds elsewhere. An unknown name
 * gets an id from its stemmed words, so its inflected forms count as one entity; within the
 * article a surname alone joins the full name mentioned before it (Novikov → Dmitry Novikov).
 */
export function recognizeEntities(text: string, language: string, gazetteer: Gazetteer): EntityMatch[] {
  const known = gazetteer.find(text);
  if (!isNerLanguage(language)) return known;
  const taken = known.flatMap((entity) => entity.mentions);
  const overlapsKnown = (m: RecognizedMention) => taken.some((k) => m.start < k.end && k.start < m.end);
  const found = new Map<string, EntityMatch>();
  const people: Array<{ key: string[]; entityId: string }> = [];
  for (const mention of recognize(text, language)) {
    if (overlapsKnown(mention)) continue;
    const key = nameKey(mention.text);
    if (key.length === 0) continue;
    // A lone word equal to the surname of a person named earlier is that person, whatever type the
    // model gave it (a surname opening a sentence is often taken for a place).
    const person = key.length === 1 ? people.find((p) => p.key.length > 1 && p.key.at(-1) === key[0]) : undefined;
    const entityId = person?.entityId ?? `${mention.type.toLowerCase()}:${key.join('-')}`;
    if (!person && mention.type === 'PER') people.push({ key, entityId });
    const entity = found.get(entityId) ?? {
      entityId,
      name: mention.text,
      type: person ? 'PER' : mention.type,
      mentions: [],
    };
    entity.mentions.push({ text: mention.text, start: mention.start, end: mention.end });
    found.set(entityId, entity);
  }
  return [...known, ...found.values()].sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
}
