import { recognizeEntities } from './entity-recognizer.js';
import type { Gazetteer, EntityMatch } from './gazetteer.js';
import type { Topic, TopicMatch, TopicMatcher } from '../../topics/domain/topic.js';

export interface ArticleText {
  title: string;
  body: string;
  language: string;
  source: { id: string };
}

/** The text whose offsets mentions refer to: the title, a blank line, then the body. */
export function analysedText(article: Pick<ArticleText, 'title' | 'body'>): string {
  return `${article.title}\n\n${article.body}`;
}

/** Entities and topic matches of one article; deterministic, so a redelivery yields the same result. */
export function analyzeEntities(
  article: ArticleText,
  gazetteer: Gazetteer,
  matcher: TopicMatcher,
  topics: readonly Topic[],
): { entities: EntityMatch[]; topics: TopicMatch[]; invalidTopics: string[] } {
  const entities = recognizeEntities(analysedText(article), article.language, gazetteer);
  const { matches, invalid } = matcher.match(
    topics,
    { title: article.title, body: article.body, language: article.language, sourceId: article.source.id },
    entities,
  );
  return { entities, topics: matches, invalidTopics: invalid.map((i) => `${i.topicId}: ${i.error.message}`) };
}
