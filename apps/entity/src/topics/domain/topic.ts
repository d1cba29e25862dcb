import { tokenize, wordMatches } from '@media-monitor/nlp';
import type { EntityMatch } from '../../analysis/domain/gazetteer.js';

/** A topic an analyst follows: it matches an article that names any of its entities or terms. */
export interface Topic {
  topicId: string;
  name: string;
  description?: string;
  query: {
    /** Canonical entity ids (e.g. unit:bars-kaliningrad). */
    anyEntities: string[];
    /** Free terms, matched word by word with Russian inflections; exact case when caseSensitive. */
    anyTerms: Array<{ text: string; caseSensitive: boolean }>;
  };
}

export interface TopicMatch {
  topicId: string;
  /** What made the article match: entity names and terms as they were queried. */
  matched: string[];
}

function containsTerm(words: string[], term: { text: string; caseSensitive: boolean }): boolean {
  const termWords = tokenize(term.text).map((t) => t.text);
  if (termWords.length === 0) return false;
  for (let i = 0; i + termWords.length <= words.length; i++) {
    if (termWords.every((w, k) => wordMatches(w, words[i + k] ?? '', term.caseSensitive))) return true;
  }
  return false;
}

/** The topics an article matches, given its text and the entities found in it. */
export function matchTopics(topics: readonly Topic[], text: string, entities: readonly EntityMatch[]): TopicMatch[] {
  const entityNames = new Map(entities.map((e) => [e.entityId, e.name]));
  const words = tokenize(text).map((t) => t.text);
  const matches: TopicMatch[] = [];
  for (const topic of topics) {
    const matched = [
      ...topic.query.anyEntities.filter((id) => entityNames.has(id)).map((id) => entityNames.get(id) as string),
      ...topic.query.anyTerms.filter((term) => containsTerm(words, term)).map((term) => term.text),
    ];
    if (matched.length > 0) matches.push({ topicId: topic.topicId, matched: [...new Set(matched)] });
  }
  return matches;
}
