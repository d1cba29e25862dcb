import { Inject, Injectable, Optional } from '@nestjs/common';
import type {
  ArticleAnalyzedV1,
  SeriesTrendRequestV1,
  SeriesTrendResponseV1,
  TrendSeries,
} from '@media-monitor/contracts';
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

/** The cache key of a series' trend over a validated range (the controller and the HTTP fast path). */
export function trendAnswerKey(series: TrendSeries, range: Omit<SeriesTrendRequestV1, 'series'>): string {
  return JSON.stringify({ series, ...range });
}

/** How many recent ANALYSIS sequences are remembered, so each event evicts once per process. */
const SEEN_EVENTS = 4_096;
/**
 * How long before a query its range must have ended for its answer to be settled, in
 * milliseconds: more than trends' pipeline-backlog measurement is reused (5 s), so any message
 * that arrived before the range's end and still waits shows in the answer as a backlog.
 */
export const SETTLED_AFTER_MS = 10_000;
/**
 * After a collection-status or topic event, when every answer is evicted once more, in
 * milliseconds: trends records the gap or the topic version when it consumes the same event, so an
 * answer computed in between may not show it yet.
 */
export const EVICT_AGAIN_AFTER_EVENT_MS = 5_000;
/** The clock of TrendAnswers (tests give one; Date.now otherwise). */
export const TREND_ANSWERS_CLOCK = Symbol('TrendAnswersClock');

/**
 * Whether an answer, computed from a query that started at `startedAt`, can change only through an
 * event the gateway follows (ADR 0015): its range ended at least SETTLED_AFTER_MS before, and no
 * bucket of it is incomplete for a backlog (which changes as the pipeline drains, announced by
 * nothing). Articles analysed later, gaps reported later and topic changes all arrive as events.
 */
export function isSettled(answer: SeriesTrendResponseV1, startedAt: number): boolean {
  if (!(Date.parse(answer.to) <= startedAt - SETTLED_AFTER_MS)) return false;
  return answer.points.every((point) => point.incomplete.every((reason) => reason.kind !== 'backlog'));
}

/**
 * The gateway's trend answers (TREND_CACHE_MS; settled ones TREND_CACHE_SETTLED_MS), evicted when
 * an analysed article may change them: article.analyzed.v1 reaches this through every reader of
 * the ANALYSIS stream in the process (the cache's own follower, and each SSE client's reader
 * before it forwards the event); collection-status and topic events evict every answer.
 */
@Injectable()
export class TrendAnswers {
  private readonly cache: AnswerCache<TrendAnswer & { settled: boolean }>;
  private readonly seen = new Set<number>();
  private evictAgain: NodeJS.Timeout | undefined;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Optional() @Inject(TREND_ANSWERS_CLOCK) private readonly now: () => number = Date.now,
  ) {
    this.cache = new AnswerCache(config.TREND_CACHE_MS, config.TREND_CACHE_STALE_MS, 1_000, now, ({ settled }) =>
      settled ? config.TREND_CACHE_SETTLED_MS : config.TREND_CACHE_MS,
    );
  }

  get enabled(): boolean {
    return this.cache.enabled;
  }

  get(key: string, load: () => Promise<TrendAnswer>): Promise<TrendAnswer> {
    return this.cache.get(key, async () => {
      const startedAt = this.now();
      const loaded = await load();
      return { ...loaded, settled: isSettled(loaded.answer, startedAt) };
    });
  }

  /** The kept answer while it is within its life; nothing is loaded (the HTTP fast path). */
  peek(key: string): TrendAnswer | undefined {
    return this.cache.peek(key);
  }

  /** Drops the answers an analysed article (ANALYSIS stream sequence `seq`) may change; once per event. */
  articleAnalyzed(seq: number, event: ArticleAnalyzedV1): void {
    if (!this.cache.enabled || this.seen.has(seq)) return;
    this.seen.add(seq);
    if (this.seen.size > SEEN_EVENTS) this.seen.delete(this.seen.values().next().value ?? seq);
    this.cache.evict(({ answer }) => analyzedArticleTouches(answer, event));
  }

  /**
   * A collection gap was reported or a topic changed: every answer goes (completeness flags and
   * active topic versions may differ), now and again EVICT_AGAIN_AFTER_EVENT_MS later, since trends
   * may not have recorded the change when the next answer is computed.
   */
  completenessOrTopicChanged(): void {
    this.evictAll();
    clearTimeout(this.evictAgain);
    this.evictAgain = setTimeout(() => this.evictAll(), EVICT_AGAIN_AFTER_EVENT_MS);
    this.evictAgain.unref();
  }

  /** Drops every answer (events may have been missed, or one could not be read). */
  evictAll(): void {
    this.cache.evict(() => true);
  }
}
