import { describe, expect, it } from '@jest/globals';
import type { ArticleAnalyzedV1, SeriesTrendResponseV1, TrendSeries } from '@media-monitor/contracts';
import { analyzedArticleTouches } from './analyzed-article-touches.js';

const HOUR = 3_600_000;
const FROM = Date.parse('2026-11-25T00:00:00.000Z');

/** A three-hour answer whose hourly points carry these article counts. */
function answer(series: TrendSeries, articles: number[]): SeriesTrendResponseV1 {
  return {
    series,
    interval: 'hour',
    timeZone: 'UTC',
    from: new Date(FROM).toISOString(),
    to: new Date(FROM + articles.length * HOUR).toISOString(),
    topicVersion: null,
    notes: [],
    points: articles.map((n, i) => ({
      bucketStart: new Date(FROM + i * HOUR).toISOString(),
      localStart: new Date(FROM + i * HOUR).toISOString(),
      articles: n,
      stories: n,
      publishers: n > 0 ? 1 : 0,
      toneSum: 0,
      toneCount: n,
      toneAvg: n > 0 ? 0 : null,
      positive: 0,
      negative: 0,
      neutral: n,
      normalisedVolume: n > 0 ? 0.5 : null,
      articlesUrl: '/v1/articles',
      complete: true,
      incomplete: [],
    })),
  };
}

function analyzed(publishedAt: number, over: Partial<ArticleAnalyzedV1> = {}): ArticleAnalyzedV1 {
  return {
    articleId: 'a'.repeat(32),
    publishedAt: new Date(publishedAt).toISOString(),
    language: 'en',
    source: { id: 'wire' },
    storyId: 'a'.repeat(32),
    topicIds: ['bars'],
    entityIds: ['unit:bars-kursk'],
    tone: { score: 0, label: 'neutral', confidence: 1 },
    analyzedAt: new Date(publishedAt).toISOString(),
    ...over,
  };
}

describe('analyzedArticleTouches', () => {
  const bars = answer({ kind: 'topic', id: 'bars' }, [0, 0, 0]);

  it('touches the series the article names, in the bucket of its publication', () => {
    expect(analyzedArticleTouches(bars, analyzed(FROM + 90 * 60_000))).toBe(true);
    expect(analyzedArticleTouches(answer({ kind: 'entity', id: 'unit:bars-kursk' }, [0, 0, 0]), analyzed(FROM))).toBe(
      true,
    );
    expect(analyzedArticleTouches(answer({ kind: 'source', id: 'wire' }, [0, 0, 0]), analyzed(FROM))).toBe(true);
  });

  it('leaves answers whose range does not hold the publication time', () => {
    expect(analyzedArticleTouches(bars, analyzed(FROM - 1))).toBe(false);
    expect(analyzedArticleTouches(bars, analyzed(FROM + 3 * HOUR))).toBe(false); // `to` is exclusive
  });

  it('touches another series only where it has articles (its normalised volume may change)', () => {
    const other = answer({ kind: 'topic', id: 'other' }, [0, 4, 0]);
    expect(analyzedArticleTouches(other, analyzed(FROM + 30 * 60_000))).toBe(false);
    expect(analyzedArticleTouches(other, analyzed(FROM + HOUR + 1))).toBe(true);
    expect(analyzedArticleTouches(other, analyzed(FROM + 2 * HOUR))).toBe(false);
  });

  it('treats a series the event cannot name (all articles) as touched', () => {
    expect(analyzedArticleTouches(answer({ kind: 'all', id: 'all' }, [0, 0, 0]), analyzed(FROM))).toBe(true);
  });
});
