import { Inject, Injectable } from '@nestjs/common';
import type { ArticleAnalyzedV1, SeriesTrendResponseV1 } from '@media-monitor/contracts';
import type { GatewayConfig } from '../gateway.config.js';
import type { EncodedBody } from '../http/encoded-body.js';
import { GATEWAY_CONFIG } from '../gateway.tokens.js';
import { AnswerCache } from './answer-cache.js';
import { analyzedArticleTouches } from './analyzed-article-touches.js';

export interface TrendAnswer {
  answer: SeriesTrendResponseV1;
  /** The answer serialised and encoded once, not once per request (720 points are some 270 kB). */
  body: EncodedBody;
}

/** How many recent ANALYSIS sequences are remembered, so each event evicts once per process. */
const SEEN_EVENTS = 4_096;

/**
 * The gateway's trend answers (TREND_CACHE_MS), evicted when an analysed article may change them:
 * article.analyzed.v1 reaches this through every reader of the ANALYSIS stream in the process
 * (the cache's own follower, and each SSE client's reader before it forwards the event).
 */
@Injectable()
export class TrendAnswers {
  private readonly cache: AnswerCache<TrendAnswer>;
  private readonly seen = new Set<number>();

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.cache = new AnswerCache(config.TREND_CACHE_MS, config.TREND_CACHE_STALE_MS);
  }

  get enabled(): boolean {
    return this.cache.enabled;
  }

  get(key: string, load: () => Promise<TrendAnswer>): Promise<TrendAnswer> {
    return this.cache.get(key, load);
  }

  /** Drops the answers an analysed article (ANALYSIS stream sequence `seq`) may change; once per event. */
  articleAnalyzed(seq: number, event: ArticleAnalyzedV1): void {
    if (!this.cache.enabled || this.seen.has(seq)) return;
    this.seen.add(seq);
    if (this.seen.size > SEEN_EVENTS) this.seen.delete(this.seen.values().next().value ?? seq);
    this.cache.evict(({ answer }) => analyzedArticleTouches(answer, event));
  }

  /** Drops every answer (events may have been missed, or one could not be read). */
  evictAll(): void {
    this.cache.evict(() => true);
  }
}
