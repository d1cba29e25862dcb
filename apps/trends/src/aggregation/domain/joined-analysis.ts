import type {
  ArticleEntitiesV1,
  ArticleSentimentV1,
  ArticleTopicsMatchedV1,
  Tone,
  TopicEvidence,
} from '@media-monitor/contracts';

/** One topic version an article matched, from live matching or from a backfill. */
export interface MatchedTopic {
  topicId: string;
  version: number;
  matched: string[];
  evidence: TopicEvidence[];
}

/** The entity half as trends keeps it until the join is complete. */
export interface EntitiesHalf {
  publishedAt: string;
  language: string;
  source: ArticleEntitiesV1['source'];
  storyId?: string;
  url: string;
  title: string;
  /** Title, a blank line, then the body: the text the offsets of mentions and evidence point into. */
  text: string;
  topics: MatchedTopic[];
  entities: Array<{
    entityId: string;
    name: string;
    type: ArticleEntitiesV1['entities'][number]['type'];
    mentions: Array<{ text: string; start: number; end: number }>;
  }>;
}

/** The sentiment half as trends keeps it. */
export interface SentimentHalf {
  document: Tone;
  sentences: Array<{ index: number; start: number; end: number }>;
  entities: Array<{
    entityId: string;
    tone: Tone;
    mentions: Array<{ start: number; end: number; sentenceIndex: number; tone: Tone }>;
  }>;
}

/** What trends keeps of one article: both analyses, later topic matches, and what it has counted. */
export interface JoinedAnalysis {
  articleId: string;
  entities?: EntitiesHalf;
  sentiment?: SentimentHalf;
  /** Topic versions reported later by a backfill (article.topics-matched.v1). */
  matchedTopics: MatchedTopic[];
  /** Contribution sets already counted into the buckets (`base`, `topic:<id>@<version>`). */
  applied: string[];
  /** Sets whose counting has started (and may have been interrupted). */
  attempting: string[];
  /** Buckets whose `inflight` list may still hold this article (released after the sets are marked). */
  releasing: string[];
}

export interface CompleteAnalysis {
  articleId: string;
  publishedAt: string;
  language: string;
  source: ArticleEntitiesV1['source'];
  /** The article's story; an article without one is a story of its own. */
  storyId: string;
  url: string;
  title: string;
  text: string;
  /** Every topic version the article matched (live and backfill), one entry per version. */
  topics: MatchedTopic[];
  /** Topic ids of the live matches (article.entities.v1), what article.analyzed.v1 announces. */
  liveTopicIds: string[];
  entities: EntitiesHalf['entities'];
  entityIds: string[];
  /** Document tone. */
  tone: Tone;
  /** Tone towards each entity (entity-targeted); entities without one take the document tone. */
  entityTones: ReadonlyMap<string, Tone>;
  sentiment: SentimentHalf;
}

/** `bars@2`: a topic version's key in series ids, set names and the read model. */
export function topicVersionKey(topicId: string, version: number): string {
  return `${topicId}@${version}`;
}

function uniqueTopics(topics: readonly MatchedTopic[]): MatchedTopic[] {
  const byKey = new Map<string, MatchedTopic>();
  for (const t of topics) {
    const key = topicVersionKey(t.topicId, t.version);
    if (!byKey.has(key)) byKey.set(key, t);
  }
  return [...byKey.values()];
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
    url: entities.url,
    title: entities.title,
    text: entities.text,
    topics: uniqueTopics([...entities.topics, ...joined.matchedTopics]),
    liveTopicIds: [...new Set(entities.topics.map((t) => t.topicId))],
    entities: entities.entities,
    entityIds: [...new Set(entities.entities.map((e) => e.entityId))],
    tone: sentiment.document,
    entityTones: new Map(sentiment.entities.map((e) => [e.entityId, e.tone])),
    sentiment,
  };
}

/** The entity half as stored for the join. */
export function entitiesPart(event: ArticleEntitiesV1): EntitiesHalf {
  return {
    publishedAt: event.publishedAt,
    language: event.language,
    source: event.source,
    ...(event.storyId ? { storyId: event.storyId } : {}),
    url: event.url,
    title: event.title,
    text: `${event.title}\n\n${event.body}`,
    topics: event.topics.map((t) => ({
      topicId: t.topicId,
      version: t.version ?? 1,
      matched: t.matched,
      evidence: t.evidence ?? [],
    })),
    entities: event.entities.map(({ entityId, name, type, mentions }) => ({ entityId, name, type, mentions })),
  };
}

/** The sentiment half as stored for the join. */
export function sentimentPart(event: ArticleSentimentV1): SentimentHalf {
  return {
    document: event.document,
    sentences: event.sentences.map(({ index, start, end }) => ({ index, start, end })),
    entities: event.entities.map(({ entityId, tone, mentions }) => ({ entityId, tone, mentions })),
  };
}

/** The topic versions of a backfill event. */
export function matchedTopicsPart(event: ArticleTopicsMatchedV1): MatchedTopic[] {
  return event.topics.map(({ topicId, version, matched, evidence }) => ({ topicId, version, matched, evidence }));
}
