import { describe, expect, it } from '@jest/globals';
import { QueryParseError } from '@media-monitor/nlp';
import { Gazetteer } from '../../analysis/domain/gazetteer.js';
import { SEED_ENTITIES } from '../../analysis/domain/seed-entities.js';
import { analysedText } from '../../analysis/domain/analyze.js';
import { SEED_TOPICS } from './seed-topics.js';
import {
  aliasResolverFor,
  buildAliasResolver,
  compileLive,
  matchTopics,
  sameDefinition,
  type TopicVersionRef,
} from './topic.js';

const gazetteer = new Gazetteer(SEED_ENTITIES);
const aliases = aliasResolverFor(SEED_ENTITIES);
const seed = SEED_TOPICS.map((t): TopicVersionRef => ({ topicId: t.topicId, version: 1, ...t.definition }));

function matchArticle(title: string, body: string, language = 'en', refs = seed, sourceId = 'test') {
  const entities = gazetteer.find(analysedText({ title, body }));
  return matchTopics(compileLive(refs, aliases), { title, body, language, sourceId }, entities);
}

describe('topic matching', () => {
  it('matches the BARS topic through its entities, with its version and evidence in analysed-text offsets', () => {
    const title = 'Training';
    const body = 'Volunteers of BARS-Kursk trained near Belgorod.';
    const matches = matchArticle(title, body);
    expect(matches).toHaveLength(1);
    const [match] = matches;
    expect(match).toMatchObject({ topicId: 'bars', version: 1 });
    // «BARS» (the umbrella unit) matches inside «BARS-Kursk» too: compounds match by their parts.
    expect(match?.matched).toEqual(['BARS', 'BARS-Kursk']);
    const text = analysedText({ title, body });
    for (const e of match?.evidence ?? []) expect(text.slice(e.start, e.end)).toBe(e.matchedText);
    expect(match?.evidence).toContainEqual(
      expect.objectContaining({
        term: 'entity:unit:bars-kursk',
        entityId: 'unit:bars-kursk',
        matchedText: 'BARS-Kursk',
      }),
    );
  });

  it('matches phrases with Russian inflections and aliases in the other script, and ignores unrelated text', () => {
    expect(
      matchArticle('Курск', 'Создание батальонов территориальной обороны обсуждали в Курске.', 'ru'),
    ).toMatchObject([{ topicId: 'bars', matched: ['батальонов территориальной обороны'] }]);
    expect(matchArticle('Учения', 'Бойцы «БАРС-Курска» провели учения.', 'ru')).toHaveLength(1);
    expect(matchArticle('Weather', 'Weather in Paris is mild.')).toEqual([]);
  });

  it('reports every live version of a topic that matches, each with its own version number', () => {
    const refs: TopicVersionRef[] = [
      { topicId: 'units', version: 3, query: 'entity:unit:bars-kursk', languages: [], sourceIds: [] },
      { topicId: 'units', version: 4, query: 'entity:unit:bars-kursk OR Belgorod', languages: [], sourceIds: [] },
    ];
    const matches = matchArticle('Training', 'BARS-Kursk trained near Belgorod.', 'en', refs);
    expect(matches.map((m) => [m.version, m.matched])).toEqual([
      [3, ['BARS-Kursk']],
      [4, ['BARS-Kursk', 'Belgorod']],
    ]);
  });

  it('applies the language and source filters before the query', () => {
    const ref = (languages: string[], sourceIds: string[]): TopicVersionRef[] => [
      { topicId: 'kursk', version: 1, query: 'BARS', languages, sourceIds },
    ];
    const body = 'Бойцы БАРС провели учения.';
    expect(matchArticle('Учения', body, 'ru', ref(['ru'], []))).toHaveLength(1);
    expect(matchArticle('Учения', body, 'ru', ref(['en'], []))).toEqual([]);
    expect(matchArticle('Учения', body, 'ru', ref([], ['Kursk-News']), 'kursk-news')).toHaveLength(1);
    expect(matchArticle('Учения', body, 'ru', ref([], ['tass']), 'kursk-news')).toEqual([]);
  });

  it('keeps a version whose query does not compile with its error, and still matches the others', () => {
    const refs: TopicVersionRef[] = [
      ...seed,
      { topicId: 'broken', version: 1, query: '(BARS AND', languages: [], sourceIds: [] },
    ];
    const live = compileLive(refs, aliases);
    expect(live[1]?.compiled).toBeInstanceOf(QueryParseError);
    expect(live[1]?.compiled).toMatchObject({ code: 'query.syntax', position: 9 });
    const matches = matchArticle('BARS-Kaliningrad', 'The governor joined BARS-Kaliningrad.', 'en', refs);
    expect(matches.map((m) => m.topicId)).toEqual(['bars']);
  });

  it('tells definitions apart by query and filters, ignoring the order and case of the filters', () => {
    const a = { query: 'BARS', languages: ['ru', 'en'], sourceIds: ['TASS'] };
    expect(sameDefinition(a, { query: 'BARS', languages: ['en', 'ru'], sourceIds: ['tass'] })).toBe(true);
    expect(sameDefinition(a, { ...a, query: 'BARS*' })).toBe(false);
    expect(sameDefinition(a, { ...a, languages: ['ru'] })).toBe(false);
    expect(sameDefinition(a, { ...a, sourceIds: [] })).toBe(false);
  });

  it('builds the same resolver and gazetteer in slices as at once', async () => {
    const sliced = await buildAliasResolver(SEED_ENTITIES, 3);
    for (const ref of [
      'unit:BARS-Kursk',
      'БАРСа-Курска',
      'Беспрозванных',
      'Kaliningrad region',
      'Минобороны',
      'nobody',
    ]) {
      expect(sliced.resolve(ref)).toEqual(aliases.resolve(ref));
    }
    const text = 'Губернатор Калининградской области Алексей Беспрозванных вступил в «БАРС-Курск» и BARS.';
    expect((await Gazetteer.build(SEED_ENTITIES, 2)).find(text)).toEqual(gazetteer.find(text));
  });
});
