import {
  QueryParseError,
  analyseDocument,
  compileQuery,
  createAliasResolver,
  type AliasResolver,
  type CompiledQuery,
  type EntityMention as QueryMention,
  type MatchHit,
} from '@media-monitor/nlp';
import type { CanonicalEntity, EntityMatch } from '../../analysis/domain/gazetteer.js';

/** A topic an analyst follows, defined in the topic query language (docs/query-language.md). */
export interface Topic {
  topicId: string;
  name: string;
  description?: string;
  query: string;
}

/** Why an article matched: a query term and where it matched, in analysed-text offsets. */
export interface TopicEvidence {
  term: string;
  matchedText: string;
  start: number;
  end: number;
  entityId?: string;
}

export interface TopicMatch {
  topicId: string;
  /** What made the article match, as it is written in the article. */
  matched: string[];
  evidence: TopicEvidence[];
}

/** The article as topics see it: title and body (offsets of the analysed text join them with a blank line). */
export interface TopicArticle {
  title: string;
  body: string;
  language: string;
  sourceId: string;
}

/** Resolves `entity:` references and entity names in queries to every alias of the entity. */
export function aliasResolverFor(entities: readonly CanonicalEntity[]): AliasResolver {
  return createAliasResolver(
    entities.map((entity) => ({
      id: entity.entityId,
      aliases: [entity.name, ...entity.aliases.map((alias) => (typeof alias === 'string' ? alias : alias.text))],
    })),
  );
}

/** Hits kept as evidence per topic match. */
const MAX_EVIDENCE = 20;

/**
 * Evaluates topic queries. Each query is compiled once per text (with the entities' aliases, so
 * `entity:unit:bars-kursk` also finds «БАРС-Курск»); a query that does not compile matches
 * nothing and is reported, so one bad topic cannot stop the analysis of articles.
 */
export class TopicMatcher {
  private readonly compiled = new Map<string, CompiledQuery | QueryParseError>();

  constructor(private readonly aliases: AliasResolver) {}

  /** The compiled query, or the parse error that makes it unusable. */
  compile(query: string): CompiledQuery | QueryParseError {
    let compiled = this.compiled.get(query);
    if (!compiled) {
      try {
        compiled = compileQuery(query, { aliases: this.aliases });
      } catch (error) {
        if (!(error instanceof QueryParseError)) throw error;
        compiled = error;
      }
      if (this.compiled.size > 10_000) this.compiled.clear();
      this.compiled.set(query, compiled);
    }
    return compiled;
  }

  match(
    topics: readonly Topic[],
    article: TopicArticle,
    entities: readonly EntityMatch[],
  ): { matches: TopicMatch[]; invalid: Array<{ topicId: string; error: QueryParseError }> } {
    const bodyOffset = article.title.length + 2;
    const document = analyseDocument({
      title: article.title,
      body: article.body,
      lang: article.language,
      sourceId: article.sourceId,
      entities: entities.map((entity) => ({
        id: entity.entityId,
        mentions: entity.mentions.map((m): QueryMention =>
          m.start < bodyOffset
            ? { field: 'title', start: m.start, end: m.end }
            : { field: 'body', start: m.start - bodyOffset, end: m.end - bodyOffset },
        ),
      })),
    });
    const matches: TopicMatch[] = [];
    const invalid: Array<{ topicId: string; error: QueryParseError }> = [];
    for (const topic of topics) {
      const compiled = this.compile(topic.query);
      if (compiled instanceof QueryParseError) {
        invalid.push({ topicId: topic.topicId, error: compiled });
        continue;
      }
      const result = compiled.match(document);
      if (!result.matched) continue;
      const evidence = result.hits.slice(0, MAX_EVIDENCE).map((hit) => toEvidence(hit, bodyOffset));
      matches.push({ topicId: topic.topicId, matched: [...new Set(evidence.map((e) => e.matchedText))], evidence });
    }
    return { matches, invalid };
  }
}

function toEvidence(hit: MatchHit, bodyOffset: number): TopicEvidence {
  const shift = hit.field === 'body' ? bodyOffset : 0;
  return {
    term: hit.term,
    matchedText: hit.matchedText,
    start: hit.start + shift,
    end: hit.end + shift,
    ...(hit.entityId ? { entityId: hit.entityId } : {}),
  };
}
