import { recognizeEntities } from './entity-recognizer.js';
import type { Gazetteer, EntityMatch } from './gazetteer.js';
import { matchTopics, type LiveTopicVersion, type TopicMatch } from '../../topics/domain/topic.js';

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

/** Entities and topic matches (every live version) of one article; deterministic for a given catalog. */
export function analyzeEntities(
  article: ArticleText,
  gazetteer: Gazetteer,
  topics: readonly LiveTopicVersion[],
): { entities: EntityMatch[]; topics: TopicMatch[] } {
  const entities = recognizeEntities(analysedText(article), article.language, gazetteer);
  const matches = matchTopics(
    topics,
    { title: article.title, body: article.body, language: article.language, sourceId: article.source.id },
    entities,
  );
  return { entities, topics: matches };
}
