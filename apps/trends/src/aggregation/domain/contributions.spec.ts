import { describe, expect, it } from '@jest/globals';
import { decodeFieldName, encodeFieldName } from './buckets.js';
import { contributionSetsOf, contributionsOf } from './contributions.js';
import { completeAnalysis } from './joined-analysis.js';

const topic = (topicId: string, version: number) => ({ topicId, version, matched: ['BARS'], evidence: [] });
const mention = { text: 'x', start: 0, end: 1 };
const analysis = completeAnalysis({
  articleId: 'a'.repeat(32),
  entities: {
    publishedAt: '2026-11-25T10:20:30.000Z',
    language: 'en',
    source: { id: 'tass.ru' },
    storyId: 'b'.repeat(32),
    url: 'https://example.test/a',
    title: 'T',
    text: 'T\n\nBody',
    topics: [topic('bars', 1), topic('bars', 1)],
    entities: [
      { entityId: 'unit:bars-kursk', name: 'BARS-Kursk', type: 'UNIT', mentions: [mention] },
      { entityId: 'loc:kursk', name: 'Kursk', type: 'LOC', mentions: [mention] },
    ],
  },
  sentiment: {
    document: { score: 0.2, label: 'positive', confidence: 0.6 },
    sentences: [],
    entities: [{ entityId: 'loc:kursk', tone: { score: -0.7, label: 'negative', confidence: 0.9 }, mentions: [] }],
  },
  matchedTopics: [topic('bars', 2), topic('bars', 1)],
  applied: [],
  attempting: [],
  releasing: [],
})!;

describe('contributionsOf', () => {
  const contributions = contributionsOf(analysis);
  const keys = contributions.map((c) => `${c.series.kind}:${c.series.id}|${c.interval}|${c.start.toISOString()}`);

  it('adds the article once to every bucket of its topics, entities, source and the global series', () => {
    expect(keys).toEqual([
      'entity:unit:bars-kursk|day|2026-11-25T00:00:00.000Z',
      'entity:loc:kursk|day|2026-11-25T00:00:00.000Z',
      'source:tass.ru|day|2026-11-25T00:00:00.000Z',
      'all:*|minute|2026-11-25T10:20:00.000Z',
      'all:*|day|2026-11-25T00:00:00.000Z',
      'topic:bars@1|minute|2026-11-25T10:20:00.000Z',
      'topic:bars@1|day|2026-11-25T00:00:00.000Z',
      'topic:bars@2|minute|2026-11-25T10:20:00.000Z',
      'topic:bars@2|day|2026-11-25T00:00:00.000Z',
    ]);
    expect(contributions.map((c) => c.key)).toEqual(keys);
  });

  it('groups them into the base set and one set per topic version, each version once', () => {
    expect(contributionSetsOf(analysis).map((s) => [s.name, s.contributions.length])).toEqual([
      ['base', 5],
      ['topic:bars@1', 2],
      ['topic:bars@2', 2],
    ]);
    expect(analysis.liveTopicIds).toEqual(['bars']);
  });

  it('counts the hour inside the day document, with its own marker key', () => {
    const day = contributions.find((c) => c.series.id === 'bars@1' && c.interval === 'day');
    expect(day?.hour).toEqual({
      slot: '10',
      start: new Date('2026-11-25T10:00:00.000Z'),
      key: 'topic:bars@1|hour|2026-11-25T10:00:00.000Z',
    });
    expect(contributions.filter((c) => c.interval === 'minute').every((c) => c.hour === undefined)).toBe(true);
  });

  it('keeps entity maps on day buckets only, without the entity itself', () => {
    const entityDay = contributions.find((c) => c.series.id === 'unit:bars-kursk' && c.interval === 'day');
    expect(entityDay?.entityIds).toEqual(['loc:kursk']);
    const topicDay = contributions.find((c) => c.series.kind === 'topic' && c.interval === 'day');
    expect(topicDay?.entityIds).toEqual(['unit:bars-kursk', 'loc:kursk']);
    expect(contributions.filter((c) => c.interval !== 'day').every((c) => c.entityIds.length === 0)).toBe(true);
    expect(contributions.filter((c) => c.series.kind === 'source').every((c) => !c.countSource)).toBe(true);
    // The global series counts every source: the denominators of normalised volume.
    expect(contributions.filter((c) => c.series.kind === 'all').every((c) => c.countSource)).toBe(true);
  });

  it("counts the tone towards an entity in that entity's series, the document tone elsewhere", () => {
    const toneOf = (kind: string, id: string) =>
      contributions.filter((c) => c.series.kind === kind && c.series.id === id).map((c) => c.tone.score);
    expect(toneOf('entity', 'loc:kursk')).toEqual([-0.7]);
    expect(toneOf('entity', 'unit:bars-kursk')).toEqual([0.2]);
    expect(toneOf('topic', 'bars@1')).toEqual([0.2, 0.2]);
  });
});

describe('field names', () => {
  it('round-trips ids with dots, dollars and percent signs', () => {
    for (const id of ['tass.ru', '$where', 'a%2Eb', 'plain']) {
      const field = encodeFieldName(id);
      expect(field).not.toMatch(/[.$]/);
      expect(decodeFieldName(field)).toBe(id);
    }
  });
});
