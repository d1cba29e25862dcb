import { describe, expect, it } from '@jest/globals';
import { decodeFieldName, encodeFieldName } from './buckets.js';
import { contributionsOf } from './contributions.js';

const analysis = {
  articleId: 'a'.repeat(32),
  publishedAt: '2026-11-25T10:20:30.000Z',
  language: 'en',
  source: { id: 'tass.ru' },
  storyId: 'b'.repeat(32),
  topicIds: ['bars', 'bars'],
  entityIds: ['unit:bars-kursk', 'loc:kursk'],
  tone: { score: 0.2, label: 'positive' as const, confidence: 0.6 },
  entityTones: new Map([['loc:kursk', { score: -0.7, label: 'negative' as const, confidence: 0.9 }]]),
};

describe('contributionsOf', () => {
  const contributions = contributionsOf(analysis);
  const keys = contributions.map((c) => `${c.series.kind}:${c.series.id}|${c.interval}|${c.start.toISOString()}`);

  it('adds the article once to every bucket of its topics, entities, source and the global series', () => {
    expect(keys).toEqual([
      'topic:bars|minute|2026-11-25T10:20:00.000Z',
      'topic:bars|hour|2026-11-25T10:00:00.000Z',
      'topic:bars|day|2026-11-25T00:00:00.000Z',
      'entity:unit:bars-kursk|hour|2026-11-25T10:00:00.000Z',
      'entity:unit:bars-kursk|day|2026-11-25T00:00:00.000Z',
      'entity:loc:kursk|hour|2026-11-25T10:00:00.000Z',
      'entity:loc:kursk|day|2026-11-25T00:00:00.000Z',
      'source:tass.ru|hour|2026-11-25T10:00:00.000Z',
      'source:tass.ru|day|2026-11-25T00:00:00.000Z',
      'all:*|minute|2026-11-25T10:20:00.000Z',
      'all:*|hour|2026-11-25T10:00:00.000Z',
      'all:*|day|2026-11-25T00:00:00.000Z',
    ]);
  });

  it('keeps entity maps on day buckets only, without the entity itself', () => {
    const entityDay = contributions.find((c) => c.series.id === 'unit:bars-kursk' && c.interval === 'day');
    expect(entityDay?.entityIds).toEqual(['loc:kursk']);
    const topicDay = contributions.find((c) => c.series.kind === 'topic' && c.interval === 'day');
    expect(topicDay?.entityIds).toEqual(['unit:bars-kursk', 'loc:kursk']);
    expect(contributions.filter((c) => c.interval !== 'day').every((c) => c.entityIds.length === 0)).toBe(true);
    expect(contributions.filter((c) => c.series.kind === 'source').every((c) => !c.countSource)).toBe(true);
  });

  it("counts the tone towards an entity in that entity's series, the document tone elsewhere", () => {
    const toneOf = (kind: string, id: string) =>
      contributions.filter((c) => c.series.kind === kind && c.series.id === id).map((c) => c.tone.score);
    expect(toneOf('entity', 'loc:kursk')).toEqual([-0.7, -0.7]);
    expect(toneOf('entity', 'unit:bars-kursk')).toEqual([0.2, 0.2]);
    expect(toneOf('topic', 'bars')).toEqual([0.2, 0.2, 0.2]);
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
