import type { ArticleEntitiesV1, ArticleSentimentV1, Tone } from '@media-monitor/contracts';

/** What trends keeps of one article until both analyses have arrived. */
export interface JoinedAnalysis {
  articleId: string;
  entities?: Pick<ArticleEntitiesV1, 'publishedAt' | 'language' | 'source' | 'topics' | 'storyId'> & {
    entityIds: string[];
  };
  sentiment?: { document: Tone; entities?: Array<{ entityId: string; tone: Tone }> };
}

export interface CompleteAnalysis {
  articleId: string;
  publishedAt: string;
  language: string;
  source: ArticleEntitiesV1['source'];
  /** The article's story; an article without one is a story of its own. */
  storyId: string;
  topicIds: string[];
  entityIds: string[];
  /** Document tone. */
  tone: Tone;
  /** Tone towards each entity (entity-targeted); entities without one take the document tone. */
  entityTones: ReadonlyMap<string, Tone>;
}

/** The joined article once both halves are present, else undefined. */
export function completeAnalysis(joined: JoinedAnalysis): CompleteAnalysis | undefined {
  const { entities, sentiment } = joined;
  if (!entities || !sentiment) return undefined;
  return {
    articleId: joined.articleId,
    publishedAt: entities.publishedAt,
    language: entities.language,
    source: entities.source,
    storyId: entities.storyId ?? joined.articleId,
    topicIds: entities.topics.map((t) => t.topicId),
    entityIds: entities.entityIds,
    tone: sentiment.document,
    entityTones: new Map((sentiment.entities ?? []).map((e) => [e.entityId, e.tone])),
  };
}

/** The entity half as stored for the join. */
export function entitiesPart(event: ArticleEntitiesV1): NonNullable<JoinedAnalysis['entities']> {
  return {
    publishedAt: event.publishedAt,
    language: event.language,
    source: event.source,
    ...(event.storyId ? { storyId: event.storyId } : {}),
    topics: event.topics,
    entityIds: event.entities.map((e) => e.entityId),
  };
}

/** The sentiment half as stored for the join. */
export function sentimentPart(event: ArticleSentimentV1): NonNullable<JoinedAnalysis['sentiment']> {
  return { document: event.document, entities: event.entities.map(({ entityId, tone }) => ({ entityId, tone })) };
}
