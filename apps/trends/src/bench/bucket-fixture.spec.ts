import { describe, expect, it } from '@jest/globals';
import { BucketFixture, syntheticAnalyses, type CorpusOptions } from './bucket-fixture.js';

const DAY = 86_400_000;
const corpus: CorpusOptions = {
  articles: 600,
  end: new Date('2026-11-30T00:00:00Z'),
  days: 3,
  sources: 5,
  topics: 3,
  entities: 20,
  seed: 11,
};

const build = (keep?: (ms: number) => boolean) => {
  const fixture = new BucketFixture();
  let articles = 0;
  for (const analysis of syntheticAnalyses({ ...corpus, ...(keep ? { keep } : {}) })) {
    fixture.add(analysis);
    articles += 1;
  }
  return { articles, docs: [...fixture.drain()] };
};

// The trend-query loader builds the corpus one UTC day at a time, in several processes: every
// bucket lies within one day, so the day-by-day documents must be exactly the whole build's.
describe('BucketFixture built one day at a time', () => {
  it('gives the same articles and bucket documents as the whole corpus at once', () => {
    const whole = build();
    const firstDay = Math.floor((corpus.end.getTime() - corpus.days * DAY) / DAY);
    const byDay = Array.from({ length: corpus.days + 1 }, (_, i) =>
      build((ms) => Math.floor(ms / DAY) === firstDay + i),
    );
    expect(byDay.reduce((sum, part) => sum + part.articles, 0)).toBe(whole.articles);
    expect(whole.articles).toBe(corpus.articles);
    const sorted = (docs: Array<{ _id: string }>) => [...docs].sort((a, b) => (a._id < b._id ? -1 : 1));
    expect(sorted(byDay.flatMap((part) => part.docs))).toEqual(sorted(whole.docs));
    expect(byDay.filter((part) => part.articles > 0).length).toBeGreaterThanOrEqual(corpus.days);
  });
});

describe('syntheticAnalyses', () => {
  it('draws every topic, source and entity, the first most often', () => {
    const counts = (ids: string[]) => ids.reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>());
    const analyses = [...syntheticAnalyses({ ...corpus, articles: 3_000 })];
    const topics = counts(analyses.flatMap((a) => a.topics.map((t) => t.topicId)));
    const sources = counts(analyses.map((a) => a.source.id));
    const entities = counts(analyses.flatMap((a) => a.entityIds));
    expect([...topics.keys()].sort()).toEqual(['topic-0', 'topic-1', 'topic-2']);
    expect(sources.size).toBe(corpus.sources);
    expect(entities.size).toBe(corpus.entities);
    expect(topics.get('topic-0')!).toBeGreaterThan(topics.get('topic-2')!);
    expect(sources.get('source-0.example')!).toBeGreaterThan(sources.get('source-4.example')!);
  });
});
