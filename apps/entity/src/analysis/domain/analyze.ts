import type { Gazetteer, EntityMatch } from './gazetteer.js';
import { matchTopics, type Topic, type TopicMatch } from '../../topics/domain/topic.js';

export interface ArticleText {
  title: string;
  body: string;
}

/** The text whose offsets mentions refer to: the title, a blank line, then the body. */
export function analysedText(article: ArticleText): string {
  return `${article.title}\n\n${article.body}`;
}

/** Entities and topic matches of one article; deterministic, so a redelivery yields the same result. */
export function analyzeEntities(
  article: ArticleText,
  gazetteer: Gazetteer,
  topics: readonly Topic[],
): { entities: EntityMatch[]; topics: TopicMatch[] } {
  const text = analysedText(article);
  const entities = gazetteer.find(text);
  return { entities, topics: matchTopics(topics, text, entities) };
}
