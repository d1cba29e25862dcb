import { describe, expect, it } from '@jest/globals';
import { Gazetteer } from '../../analysis/domain/gazetteer.js';
import { SEED_ENTITIES } from '../../analysis/domain/seed-entities.js';
import { analysedText } from '../../analysis/domain/analyze.js';
import { SEED_TOPICS } from './seed-topics.js';
import { TopicMatcher, aliasResolverFor } from './topic.js';

const gazetteer = new Gazetteer(SEED_ENTITIES);
const matcher = new TopicMatcher(aliasResolverFor(SEED_ENTITIES));

function matchArticle(title: string, body: string, language = 'en') {
  const entities = gazetteer.find(analysedText({ title, body }));
  return matcher.match(SEED_TOPICS, { title, body, language, sourceId: 'test' }, entities);
}

describe('TopicMatcher', () => {
  it('matches the BARS topic through its entities, with evidence in analysed-text offsets', () => {
    const title = 'Training';
    const body = 'Volunteers of BARS-Kursk trained near Belgorod.';
    const { matches, invalid } = matchArticle(title, body);
    expect(invalid).toEqual([]);
    expect(matches).toHaveLength(1);
    const [match] = matches;
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
      matchArticle('Курск', 'Создание батальонов территориальной обороны обсуждали в Курске.', 'ru').matches,
    ).toMatchObject([{ topicId: 'bars', matched: ['батальонов территориальной обороны'] }]);
    expect(matchArticle('Учения', 'Бойцы «БАРС-Курска» провели учения.', 'ru').matches).toHaveLength(1);
    expect(matchArticle('Weather', 'Weather in Paris is mild.').matches).toEqual([]);
  });

  it('reports a topic whose query does not compile and still matches the others', () => {
    const topics = [...SEED_TOPICS, { topicId: 'broken', name: 'Broken', query: '(BARS AND' }];
    const title = 'BARS-Kaliningrad';
    const body = 'The governor joined BARS-Kaliningrad.';
    const entities = gazetteer.find(analysedText({ title, body }));
    const { matches, invalid } = matcher.match(topics, { title, body, language: 'en', sourceId: 's' }, entities);
    expect(matches.map((m) => m.topicId)).toEqual(['bars']);
    expect(invalid).toEqual([{ topicId: 'broken', error: expect.objectContaining({ code: 'query.syntax' }) }]);
  });
});
