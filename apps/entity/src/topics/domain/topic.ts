import { setImmediate as yieldToEvents } from 'node:timers/promises';
import {
  QueryParseError,
  aliasKey,
  analyseDocument,
  compileQuery,
  createAliasResolver,
  type AliasResolver,
  type AnalysedDocument,
  type CompiledQuery,
  type EntityAliases,
  type EntityMention as QueryMention,
  type MatchHit,
} from '@media-monitor/nlp';
import type { CanonicalEntity, EntityMatch } from '../../analysis/domain/gazetteer.js';

/** What decides which articles a topic version matches; a change of any part makes a new version. */
export interface TopicDefinition {
  /** A query in the topic query language (docs/query-language.md). */
  query: string;
  /** ISO 639-1 codes; empty: every language. */
  languages: string[];
  /** Source ids; empty: every source. */
  sourceIds: string[];
}

/** One immutable version of a topic, as live matching evaluates it. */
export interface TopicVersionRef extends TopicDefinition {
  topicId: string;
  version: number;
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
  version: number;
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

/**
 * The same resolver as `aliasResolverFor` (ids ignoring case, names by `aliasKey`, the first entity
 * to claim a name keeps it), built a slice of entities at a time with waiting events let through.
 */
export async function buildAliasResolver(
  entities: readonly CanonicalEntity[],
  sliceSize = 500,
): Promise<AliasResolver> {
  const byId = new Map<string, EntityAliases>();
  const byName = new Map<string, EntityAliases>();
  for (let i = 0; i < entities.length; i += sliceSize) {
    for (const entity of entities.slice(i, i + sliceSize)) {
      const names: EntityAliases = {
        id: entity.entityId,
        aliases: [entity.name, ...entity.aliases.map((alias) => (typeof alias === 'string' ? alias : alias.text))],
      };
      byId.set(names.id.toLowerCase(), names);
      for (const alias of names.aliases) {
        const key = aliasKey(alias);
        if (key && !byName.has(key)) byName.set(key, names);
      }
    }
    await yieldToEvents();
  }
  return { resolve: (ref) => byId.get(ref.toLowerCase()) ?? byName.get(aliasKey(ref)) };
}

/** Whether two definitions match the same articles (the order of languages and sources aside). */
export function sameDefinition(a: TopicDefinition, b: TopicDefinition): boolean {
  const set = (values: string[]) => [...new Set(values.map((v) => v.toLowerCase()))].sort().join('\n');
  return a.query === b.query && set(a.languages) === set(b.languages) && set(a.sourceIds) === set(b.sourceIds);
}

/** Hits kept as evidence per topic match. */
const MAX_EVIDENCE = 20;

/** A definition ready to evaluate: its query compiled, its filters as sets. */
export interface CompiledDefinition {
  query: CompiledQuery;
  languages: ReadonlySet<string>;
  sourceIds: ReadonlySet<string>;
}

/**
 * Compiles a topic definition with the registry's aliases (so `entity:unit:bars-kursk` also finds
 * «БАРС-Курск»).
 * @throws QueryParseError with the position of the problem
 */
export function compileDefinition(definition: TopicDefinition, aliases: AliasResolver): CompiledDefinition {
  return {
    query: compileQuery(definition.query, { aliases }),
    languages: new Set(definition.languages.map((l) => l.toLowerCase())),
    sourceIds: new Set(definition.sourceIds.map((s) => s.toLowerCase())),
  };
}

/** The article in the form queries are evaluated against (its entities' mentions split by field). */
export function topicDocument(article: TopicArticle, entities: readonly EntityMatch[]): AnalysedDocument {
  const bodyOffset = article.title.length + 2;
  return analyseDocument({
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
}

/** Evaluates one compiled definition; the evidence is in analysed-text offsets. */
export function matchDefinition(
  compiled: CompiledDefinition,
  article: TopicArticle,
  document: AnalysedDocument,
): Pick<TopicMatch, 'matched' | 'evidence'> | null {
  if (compiled.languages.size > 0 && !compiled.languages.has(article.language.toLowerCase())) return null;
  if (compiled.sourceIds.size > 0 && !compiled.sourceIds.has(article.sourceId.toLowerCase())) return null;
  const result = compiled.query.match(document);
  if (!result.matched) return null;
  const bodyOffset = article.title.length + 2;
  const evidence = result.hits.slice(0, MAX_EVIDENCE).map((hit) => toEvidence(hit, bodyOffset));
  return { matched: [...new Set(evidence.map((e) => e.matchedText))], evidence };
}

/** A live topic version with its compiled definition, or the error that keeps it from matching. */
export interface LiveTopicVersion {
  ref: TopicVersionRef;
  compiled: CompiledDefinition | QueryParseError;
}

/**
 * Evaluates the live topic versions against one article. A version whose query does not compile
 * matches nothing (it was reported when the catalog was built), so one bad topic cannot stop the
 * analysis of articles.
 */
export function matchTopics(
  versions: readonly LiveTopicVersion[],
  article: TopicArticle,
  entities: readonly EntityMatch[],
): TopicMatch[] {
  if (versions.length === 0) return [];
  const document = topicDocument(article, entities);
  const matches: TopicMatch[] = [];
  for (const { ref, compiled } of versions) {
    if (compiled instanceof QueryParseError) continue;
    const match = matchDefinition(compiled, article, document);
    if (match) matches.push({ topicId: ref.topicId, version: ref.version, ...match });
  }
  return matches;
}

/** Compiles live versions, keeping the parse error of each one that does not compile. */
export function compileLive(refs: readonly TopicVersionRef[], aliases: AliasResolver): LiveTopicVersion[] {
  return refs.map((ref) => {
    try {
      return { ref, compiled: compileDefinition(ref, aliases) };
    } catch (error) {
      if (!(error instanceof QueryParseError)) throw error;
      return { ref, compiled: error };
    }
  });
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
