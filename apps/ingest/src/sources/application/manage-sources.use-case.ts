import { Inject, Injectable } from '@nestjs/common';
import type { FetchRunV1, SourceInputV1, SourceViewV1 } from '@media-monitor/contracts';
import { CARRIER_REPOSITORY, type CarrierRepository } from '../../articles/application/carrier.repository.js';
import { sourceHealth, type SourceStats } from '../domain/health.js';
import { SourceNotFoundError, isFetched, type FetchRun, type Source, type SourceState } from '../domain/source.js';
import { FETCH_OPTIONS, type FetchOptions } from './fetch.options.js';
import {
  FETCH_RUN_REPOSITORY,
  SOURCE_REPOSITORY,
  SOURCE_STATE_REPOSITORY,
  type FetchRunRepository,
  type FetchRunStats,
  type SourceRepository,
  type SourceStateRepository,
} from './source.repository.js';

const DAY_MS = 86_400_000;

interface Snapshot {
  runs: Map<string, FetchRunStats>;
  items24h: Map<string, number>;
  items7d: Map<string, number>;
}

/** Sources as the API shows them (definition and health), and their management. */
@Injectable()
export class ManageSourcesUseCase {
  constructor(
    @Inject(SOURCE_REPOSITORY) private readonly sources: SourceRepository,
    @Inject(SOURCE_STATE_REPOSITORY) private readonly states: SourceStateRepository,
    @Inject(FETCH_RUN_REPOSITORY) private readonly runs: FetchRunRepository,
    @Inject(CARRIER_REPOSITORY) private readonly carriers: CarrierRepository,
    @Inject(FETCH_OPTIONS) private readonly options: FetchOptions,
  ) {}

  async list(now = new Date()): Promise<SourceViewV1[]> {
    const [sources, states, snapshot] = await Promise.all([this.sources.list(), this.states.all(), this.snapshot(now)]);
    return Promise.all(sources.map((source) => this.view(source, states.get(source.sourceId) ?? null, snapshot, now)));
  }

  async get(sourceId: string, now = new Date()): Promise<{ source: SourceViewV1; runs: FetchRunV1[] }> {
    const source = await this.sources.get(sourceId);
    if (!source) throw new SourceNotFoundError(sourceId);
    const [state, snapshot, runs] = await Promise.all([
      this.states.get(sourceId),
      this.snapshot(now),
      this.runs.recent(sourceId, 20),
    ]);
    return { source: await this.view(source, state, snapshot, now), runs: runs.map(runView) };
  }

  async save(input: SourceInputV1, now = new Date()): Promise<{ source: SourceViewV1; created: boolean }> {
    const { source, created } = await this.sources.save(input, now);
    if (isFetched(source)) await this.states.ensure(source.sourceId, now, this.options.minIntervalMs);
    return { source: (await this.get(source.sourceId, now)).source, created };
  }

  async delete(sourceId: string): Promise<boolean> {
    const deleted = await this.sources.delete(sourceId);
    await this.states.delete(sourceId);
    return deleted;
  }

  async fetchNow(sourceId: string, now = new Date()): Promise<SourceViewV1> {
    const source = await this.sources.get(sourceId);
    if (!source) throw new SourceNotFoundError(sourceId);
    if (isFetched(source)) {
      await this.states.ensure(sourceId, now, this.options.minIntervalMs);
      await this.states.scheduleNow(sourceId, now);
    }
    return (await this.get(sourceId, now)).source;
  }

  private async snapshot(now: Date): Promise<Snapshot> {
    const [runs, items24h, items7d] = await Promise.all([
      this.runs.statsSince(new Date(now.getTime() - DAY_MS)),
      this.carriers.countBySourceSince(new Date(now.getTime() - DAY_MS)),
      this.carriers.countBySourceSince(new Date(now.getTime() - 7 * DAY_MS)),
    ]);
    return { runs, items24h, items7d };
  }

  private async view(source: Source, state: SourceState | null, snapshot: Snapshot, now: Date): Promise<SourceViewV1> {
    const lastItemAt = await this.carriers.lastSeenAt(source.sourceId);
    const stats: SourceStats = {
      fetches24h: snapshot.runs.get(source.sourceId)?.fetches ?? 0,
      errors24h: snapshot.runs.get(source.sourceId)?.errors ?? 0,
      items24h: snapshot.items24h.get(source.sourceId) ?? 0,
      items7d: snapshot.items7d.get(source.sourceId) ?? 0,
      ...(lastItemAt ? { lastItemAt } : {}),
    };
    return {
      sourceId: source.sourceId,
      type: source.type,
      name: source.name,
      url: source.url ?? null,
      language: source.language ?? null,
      enabled: source.enabled,
      fetchArticles: source.fetchArticles,
      minIntervalSeconds: source.minIntervalSeconds ?? null,
      maxIntervalSeconds: source.maxIntervalSeconds ?? null,
      maxItemAgeHours: source.maxItemAgeHours,
      origin: source.origin,
      createdAt: source.createdAt.toISOString(),
      updatedAt: source.updatedAt.toISOString(),
      health: sourceHealth(source, state, stats, now),
    };
  }
}

export function runView(run: FetchRun): FetchRunV1 {
  return {
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    outcome: run.outcome,
    httpStatus: run.httpStatus ?? null,
    error: run.error ?? null,
    items: run.items,
    newItems: run.newItems,
    itemErrors: run.itemErrors,
    durationMs: Math.max(0, run.finishedAt.getTime() - run.startedAt.getTime()),
  };
}
