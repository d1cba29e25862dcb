import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { collectionGap } from '../domain/collection-gap.js';
import { isFetched, type Source, type SourceState } from '../domain/source.js';
import { COLLECTION_STATUS_PUBLISHER, type CollectionStatusPublisher } from './collection-status.publisher.js';
import { FETCH_OPTIONS, type FetchOptions } from './fetch.options.js';
import { FetchSourceUseCase } from './fetch-source.use-case.js';
import {
  FETCH_RUN_REPOSITORY,
  SOURCE_REPOSITORY,
  SOURCE_STATE_REPOSITORY,
  type FetchRunRepository,
  type SourceRepository,
  type SourceStateRepository,
} from './source.repository.js';

/**
 * One scheduler pass: claims due sources (one unique claim per scheduled fetch and lease period,
 * so however many replicas run, each fetch happens once) and fetches them, at most `concurrency`
 * at once in this replica.
 */
@Injectable()
export class RunDueSourcesUseCase {
  private readonly logger = new Logger(RunDueSourcesUseCase.name);
  private readonly owner = randomUUID();
  private readonly running = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    @Inject(SOURCE_REPOSITORY) private readonly sources: SourceRepository,
    @Inject(SOURCE_STATE_REPOSITORY) private readonly states: SourceStateRepository,
    @Inject(FETCH_RUN_REPOSITORY) private readonly runs: FetchRunRepository,
    @Inject(FETCH_OPTIONS) private readonly options: FetchOptions,
    private readonly fetchSource: FetchSourceUseCase,
    @Inject(COLLECTION_STATUS_PUBLISHER) private readonly collection: CollectionStatusPublisher,
  ) {}

  /** Starts the fetches that are due and free; returns the ids started. */
  async startDue(now = new Date()): Promise<string[]> {
    const room = this.options.concurrency - this.running.size;
    if (room <= 0 || this.stopping.signal.aborted) return [];
    const due = await this.states.due(now, room + this.running.size + 10);
    const started: string[] = [];
    for (const state of due) {
      if (started.length >= room) break;
      if (this.running.has(state.sourceId)) continue;
      const source = await this.sources.get(state.sourceId);
      if (!source || !source.enabled || !isFetched(source) || !source.url) continue;
      const period = Math.floor(Math.max(0, now.getTime() - state.nextFetchAt.getTime()) / this.options.leaseMs);
      const slot = `${state.sourceId}:${state.nextFetchAt.getTime()}:${period}`;
      if (!(await this.states.claim(slot, this.owner, now))) continue;
      const work = this.fetchOne(source, state).finally(() => this.running.delete(state.sourceId));
      this.running.set(state.sourceId, work);
      started.push(state.sourceId);
    }
    return started;
  }

  /** Waits for the fetches in progress. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  /** Shutdown: fetches in progress finish the item in hand, store what they did, and start no more. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.idle();
  }

  get inProgress(): number {
    return this.running.size;
  }

  private async fetchOne(source: Source, state: SourceState): Promise<void> {
    try {
      const { run, state: next } = await this.fetchSource.run(source, state, new Date(), this.stopping.signal);
      await this.states.save(next);
      await this.runs.record(run);
      await this.reportGap(state, next, run.finishedAt);
      if (run.newItems > 0)
        this.logger.log(`source ${source.sourceId}: ${run.newItems} new article(s) of ${run.items}`);
    } catch (error) {
      // The store failed: the claim lapses with its lease period and another pass retries.
      this.logger.error(`source ${source.sourceId}: fetch result not stored: ${(error as Error).message}`);
    }
  }

  /** An outage goes to trends (completeness); while it lasts, every failed fetch re-sends it. */
  private async reportGap(previous: SourceState, next: SourceState, now: Date): Promise<void> {
    const gap = collectionGap(previous, next, now);
    if (!gap) return;
    try {
      await this.collection.publishGap(gap, now);
    } catch (error) {
      // The next failed fetch re-sends the outage with a later end; only a recovery's closing
      // report can be missed, and the outage then ends at its last failed fetch.
      this.logger.warn(`source ${gap.sourceId}: collection gap not published: ${(error as Error).message}`);
    }
  }
}
