import { Inject, Injectable } from '@nestjs/common';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import type { TopicDryRunRequestV1, TopicDryRunResponseV1, TopicDryRunSampleV1 } from '@media-monitor/contracts';
import { QueryParseError } from '@media-monitor/nlp';
import {
  ENTITY_ANALYSIS_REPOSITORY,
  type EntityAnalysisRepository,
  type StoredArticle,
} from '../../analysis/application/entity-analysis.repository.js';
import { MatchingCatalog } from '../../catalog/application/matching-catalog.js';
import type { EntityConfig } from '../../entity.config.js';
import { ENTITY_CONFIG } from '../../entity.tokens.js';
import { compileDefinition, matchDefinition, topicDocument, type CompiledDefinition } from '../domain/topic.js';
import { TopicError } from '../domain/topic.errors.js';

/** Stored articles read from the store per batch. */
const PAGE_SIZE = 500;
/** Articles evaluated before the dry run lets waiting messages through. */
const SLICE = 50;

/** Evaluates a definition against one stored article. */
export function evaluateStored(compiled: CompiledDefinition, article: StoredArticle) {
  const text = { title: article.title, body: article.body, language: article.language, sourceId: article.source.id };
  return matchDefinition(compiled, text, topicDocument(text, article.entities));
}

/**
 * A topic's matches over the most recent stored articles before it is saved: at most
 * ENTITY_DRY_RUN_ARTICLES of them, within ENTITY_DRY_RUN_TIMEOUT_MS, and the answer says which
 * window it covered and whether it finished. Evaluation yields to live messages between slices.
 */
@Injectable()
export class DryRunUseCase {
  constructor(
    @Inject(ENTITY_ANALYSIS_REPOSITORY) private readonly analyses: EntityAnalysisRepository,
    @Inject(ENTITY_CONFIG) private readonly config: EntityConfig,
    private readonly catalog: MatchingCatalog,
  ) {}

  async execute(request: TopicDryRunRequestV1): Promise<TopicDryRunResponseV1> {
    const started = Date.now();
    let compiled: CompiledDefinition;
    try {
      compiled = compileDefinition(request, this.catalog.current().aliases);
    } catch (error) {
      if (error instanceof QueryParseError) throw TopicError.invalidQuery(error);
      throw error;
    }
    const limit = Math.min(
      request.articles ?? this.config.ENTITY_DRY_RUN_ARTICLES,
      this.config.ENTITY_DRY_RUN_ARTICLES,
    );
    const deadline = started + this.config.ENTITY_DRY_RUN_TIMEOUT_MS;
    let scanned = 0;
    let matched = 0;
    let complete = true;
    let newest: Date | null = null;
    let oldest: Date | null = null;
    const samples: TopicDryRunSampleV1[] = [];
    pages: for await (const page of this.analyses.recent(limit, PAGE_SIZE)) {
      for (let i = 0; i < page.length; i += SLICE) {
        if (Date.now() > deadline) {
          complete = false;
          break pages;
        }
        for (const article of page.slice(i, i + SLICE)) {
          scanned++;
          newest ??= article.publishedAt;
          oldest = article.publishedAt;
          const match = evaluateStored(compiled, article);
          if (!match) continue;
          matched++;
          if (samples.length < request.samples) samples.push(toSample(article, match));
        }
        await yieldToEvents();
      }
    }
    return {
      scanned,
      matched,
      window: { limit, from: oldest?.toISOString() ?? null, to: newest?.toISOString() ?? null },
      complete,
      samples,
      tookMs: Date.now() - started,
    };
  }
}

function toSample(article: StoredArticle, match: NonNullable<ReturnType<typeof evaluateStored>>): TopicDryRunSampleV1 {
  return {
    articleId: article.articleId,
    url: article.url,
    title: article.title,
    publishedAt: article.publishedAt.toISOString(),
    language: article.language,
    source: article.source,
    matched: match.matched,
    evidence: match.evidence,
  };
}
