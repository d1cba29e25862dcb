import type { CompleteAnalysis } from '../aggregation/domain/joined-analysis.js';

// The two events a synthetic analysed article arrives as (article.entities.v1 and
// article.sentiment.v1), for tests that count BucketFixture's articles through the write path.

export function entitiesEvent(a: CompleteAnalysis) {
  return {
    articleId: a.articleId,
    publishedAt: a.publishedAt,
    language: a.language,
    source: a.source,
    url: a.url,
    title: a.title,
    body: 'Body',
    storyId: a.storyId,
    analyzer: { name: 'bench', version: '1' },
    entities: a.entities,
    topics: a.topics,
  };
}

export function sentimentEvent(a: CompleteAnalysis) {
  return {
    articleId: a.articleId,
    publishedAt: a.publishedAt,
    language: a.language,
    analyzer: { name: 'bench', version: '1' },
    document: a.tone,
    sentences: [],
    entities: [],
  };
}
