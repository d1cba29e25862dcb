import { Inject, Injectable, Logger } from '@nestjs/common';
import { setImmediate as yieldToEvents, setTimeout as sleep } from 'node:timers/promises';
import type { ArticleTopicsMatchedV1 } from '@media-monitor/contracts';
import { QueryParseError } from '@media-monitor/nlp';
import {
  ENTITY_ANALYSIS_REPOSITORY,
  type EntityAnalysisRepository,
  type StoredArticle,
} from '../../analysis/application/entity-analysis.repository.js';
import { LiveTraffic } from '../../analysis/application/live-traffic.js';
import { MatchingCatalog } from '../../catalog/application/matching-catalog.js';
import type { EntityConfig } from '../../entity.config.js';
import { ENTITY_CONFIG } from '../../entity.tokens.js';
import { evaluateStored } from '../../topics/application/dry-run.use-case.js';
import { ManageTopicsUseCase } from '../../topics/application/manage-topics.use-case.js';
import { TOPIC_REPOSITORY, type TopicRepository } from '../../topics/application/topic.repository.js';
import { compileDefinition, type CompiledDefinition } from '../../topics/domain/topic.js';
import { latestVersion, type TopicState } from '../../topics/domain/topic-state.js';
import { restAfterPage } from '../domain/backfill-pace.js';
import { BACKFILL_LEASE, type BackfillLease, type HeldLease } from './backfill.lease.js';
import { BACKFILL_REPOSITORY, type BackfillProgress, type BackfillRepository } from './backfill.repository.js';
import { TOPICS_MATCHED_PUBLISHER, type TopicsMatchedPublisher } from './topics-matched.publisher.js';

/** Articles evaluated at a time; before each slice the runner lets live articles in progress finish. */
const SLICE = 10;
/** How often a running backfill checks that its version is still the topic's newest, in milliseconds. */
const RECHECK_MS = 2_000;
/** Live traffic counts as flowing when an article was analysed this recently, in milliseconds. */
const LIVE_WINDOW_MS = 2_000;

type JobOutcome = 'completed' | 'cancelled' | 'failed' | 'interrupted';

/**
 * Re-evaluates the stored articles against a new topic version, in the background. One replica at a
 * time runs backfills (a lease); each is a single pass in article-id order, page by page, with its
 * cursor and counts stored after every page so a restart resumes where it stopped. Live traffic
 * comes first: while live articles arrive the backfill works at most ENTITY_BACKFILL_LIVE_SHARE of
 * the time (resting after each page in proportion to the page's cost, which includes the store and
 * NATS), and before each slice of ten articles it waits (up to ENTITY_BACKFILL_YIELD_MS) until no
 * live article is being analysed; without live traffic it pauses ENTITY_BACKFILL_PAUSE_MS between pages.
 * Each match is published as article.topics-matched.v1; at the end the version becomes active.
 */
@Injectable()
export class BackfillRunner {
  private readonly logger = new Logger(BackfillRunner.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopping = false;

  constructor(
    @Inject(ENTITY_CONFIG) private readonly config: EntityConfig,
    @Inject(BACKFILL_REPOSITORY) private readonly backfills: BackfillRepository,
    @Inject(TOPIC_REPOSITORY) private readonly topics: TopicRepository,
    @Inject(ENTITY_ANALYSIS_REPOSITORY) private readonly analyses: EntityAnalysisRepository,
    @Inject(BACKFILL_LEASE) private readonly lease: BackfillLease,
    @Inject(TOPICS_MATCHED_PUBLISHER) private readonly publisher: TopicsMatchedPublisher,
    private readonly manage: ManageTopicsUseCase,
    private readonly catalog: MatchingCatalog,
    private readonly traffic: LiveTraffic,
  ) {}

  start(): void {
    this.stopping = false;
    this.timer ??= setInterval(() => this.tick(), this.config.ENTITY_BACKFILL_POLL_MS);
  }

  /** Stops after the page in hand; the backfill resumes from its cursor at the next start. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.runOnce()
      .catch((error: Error) => this.logger.error(`backfill run failed, will retry: ${error.message}`))
      .finally(() => {
        this.running = null;
      });
  }

  /** Runs every due backfill if this replica gets the lease; returns how many completed. */
  async runOnce(now = new Date()): Promise<number> {
    const due = (await this.backfills.unfinished()).filter((p) => p.notBefore.getTime() <= now.getTime());
    if (due.length === 0 || this.stopping) return 0;
    const lease = await this.lease.tryAcquire();
    if (!lease) return 0;
    let completed = 0;
    try {
      for (const progress of due) {
        if (this.stopping || lease.lost) break;
        try {
          if ((await this.run(progress, lease)) === 'completed') completed++;
        } catch (error) {
          const message = (error as Error).message;
          await this.backfills
            .update(progress.topicId, progress.version, { error: message, updatedAt: new Date() })
            .catch(() => undefined);
          throw error;
        }
      }
    } finally {
      await lease.release();
    }
    return completed;
  }

  private async run(queued: BackfillProgress, lease: HeldLease): Promise<JobOutcome> {
    const { topicId, version } = queued;
    const progress = await this.backfills.get(topicId, version);
    if (!progress || (progress.status !== 'waiting' && progress.status !== 'running')) return 'cancelled';
    const state = await this.topics.state(topicId);
    if (!isCurrent(state, version)) return this.cancel(progress, 'superseded or deleted');
    const definition = state.versions.find((v) => v.version === version);
    if (!definition) return this.cancel(progress, 'the version does not exist');
    if (definition.completedAt) {
      await this.backfills.update(topicId, version, { status: 'completed', updatedAt: new Date() });
      return 'completed';
    }
    let compiled: CompiledDefinition;
    try {
      compiled = compileDefinition(definition, this.catalog.current().aliases);
    } catch (error) {
      if (!(error instanceof QueryParseError)) throw error;
      await this.manage.failBackfill(topicId, version, `the query no longer compiles: ${error.message}`);
      return 'failed';
    }
    let { cursor, scanned, matched, total } = progress;
    if (progress.status === 'waiting') {
      total = await this.analyses.count();
      const startedAt = new Date();
      await this.backfills.update(topicId, version, { status: 'running', startedAt, total, updatedAt: startedAt });
      this.logger.log(`backfill of ${topicId}@${version} started over ${total} stored articles`);
    } else {
      this.logger.log(`backfill of ${topicId}@${version} resumes after ${scanned} articles`);
    }
    let checkedAt = Date.now();
    let workStarted = Date.now();
    for await (const page of this.analyses.scan(cursor, this.config.ENTITY_BACKFILL_PAGE_SIZE)) {
      await this.giveWayToLiveTraffic(Date.now() - workStarted);
      workStarted = Date.now();
      if (this.stopping || lease.lost) return 'interrupted';
      if (Date.now() - checkedAt > RECHECK_MS) {
        checkedAt = Date.now();
        if (!isCurrent(await this.topics.state(topicId), version)) {
          return this.cancel({ ...progress, scanned, matched }, 'superseded or deleted');
        }
      }
      const events = await this.evaluate(compiled, page, topicId, version);
      await Promise.all(events.map((event) => this.publisher.publish(event)));
      scanned += page.length;
      matched += events.length;
      total = Math.max(total, scanned);
      cursor = page.at(-1)?.articleId ?? cursor;
      await this.backfills.update(topicId, version, {
        cursor,
        scanned,
        matched,
        total,
        updatedAt: new Date(),
        error: null,
      });
    }
    if (this.stopping || lease.lost) return 'interrupted';
    const outcome = await this.manage.completeBackfill(topicId, version);
    this.logger.log(`backfill of ${topicId}@${version} ${outcome}: ${matched} of ${scanned} articles match`);
    return outcome;
  }

  /** Rests after a page (see restAfterPage), then waits for the live articles in progress. */
  private async giveWayToLiveTraffic(workedMs: number): Promise<void> {
    const { ENTITY_BACKFILL_PAUSE_MS: pauseMs, ENTITY_BACKFILL_LIVE_SHARE: share } = this.config;
    const restMs = restAfterPage(workedMs, this.traffic.seenWithin(LIVE_WINDOW_MS), pauseMs, share);
    if (restMs > 0) await sleep(restMs);
    await this.traffic.quiet(this.config.ENTITY_BACKFILL_YIELD_MS);
  }

  private async evaluate(
    compiled: CompiledDefinition,
    page: StoredArticle[],
    topicId: string,
    version: number,
  ): Promise<ArticleTopicsMatchedV1[]> {
    const events: ArticleTopicsMatchedV1[] = [];
    for (let i = 0; i < page.length; i += SLICE) {
      if (i > 0) await this.traffic.quiet(this.config.ENTITY_BACKFILL_YIELD_MS);
      for (const article of page.slice(i, i + SLICE)) {
        const match = evaluateStored(compiled, article);
        if (!match) continue;
        events.push({
          articleId: article.articleId,
          publishedAt: article.publishedAt.toISOString(),
          topics: [{ topicId, version, matched: match.matched, evidence: match.evidence }],
        });
      }
      await yieldToEvents();
    }
    return events;
  }

  private async cancel(progress: BackfillProgress, reason: string): Promise<'cancelled'> {
    const now = new Date();
    await this.backfills.update(progress.topicId, progress.version, {
      status: 'cancelled',
      error: reason,
      finishedAt: now,
      updatedAt: now,
    });
    return 'cancelled';
  }
}

/** The version is still the newest of a topic that exists, and neither finished nor failed. */
function isCurrent(state: TopicState | null, version: number): state is TopicState {
  const latest = state ? latestVersion(state) : undefined;
  return state !== null && !state.topic.deletedAt && latest?.version === version && !latest.failedAt;
}
