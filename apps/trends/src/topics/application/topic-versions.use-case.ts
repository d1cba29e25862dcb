import { Inject, Injectable, Logger } from '@nestjs/common';
import type { TopicChangedV1 } from '@media-monitor/contracts';
import { PermanentError } from '@media-monitor/messaging';
import type { KeyedLock } from '@media-monitor/persistence';
import { TRENDS_WRITE_LOCK } from '../../trends.tokens.js';
import {
  BUCKET_MARKER_REPOSITORY,
  type BucketMarkerRepository,
} from '../../aggregation/application/bucket-marker.repository.js';
import { BUCKET_REPOSITORY, type BucketRepository } from '../../aggregation/application/bucket.repository.js';
import { seriesKey } from '../../aggregation/domain/buckets.js';
import { topicVersionKey } from '../../aggregation/domain/joined-analysis.js';
import { TOPIC_VERSION_REPOSITORY, type TopicVersionRepository } from './topic-version.repository.js';

/** A deleted topic (a 404 at the gateway). */
export class TopicNotFoundError extends PermanentError {
  constructor(topicId: string) {
    super('trends.topic_not_found', `topic "${topicId}" was deleted`);
  }
}

/** The version a query of a topic reads, and what its reader should know. */
export interface ResolvedTopic {
  version: number;
  notes: string[];
}

/** How long a resolved topic version is reused by queries, in milliseconds. */
const RESOLVE_CACHE_MS = 2_000;

/**
 * Which version of a topic queries read (its active version, from topic.changed.v1), and the
 * clean-up of buckets of versions nobody reads any more. A topic trends never heard of reads version 1.
 */
@Injectable()
export class TopicVersionsUseCase {
  private readonly logger = new Logger(TopicVersionsUseCase.name);
  private readonly cache = new Map<string, { until: number; resolved: Promise<ResolvedTopic> }>();

  constructor(
    @Inject(TOPIC_VERSION_REPOSITORY) private readonly topics: TopicVersionRepository,
    @Inject(BUCKET_REPOSITORY) private readonly buckets: BucketRepository,
    @Inject(BUCKET_MARKER_REPOSITORY) private readonly markers: BucketMarkerRepository,
    @Inject(TRENDS_WRITE_LOCK) private readonly lock: KeyedLock,
  ) {}

  async recordChange(event: TopicChangedV1): Promise<void> {
    this.cache.delete(event.topicId);
    await this.lock.run(`topic-state:${event.topicId}`, () =>
      this.topics.apply({
        topicId: event.topicId,
        name: event.name,
        activeVersion: event.activeVersion,
        liveVersions: [...new Set(event.liveVersions)].sort((a, b) => a - b),
        deleted: event.deleted,
        changedAt: new Date(event.changedAt),
      }),
    );
  }

  /** The version queries of the topic read (cached for a moment: every trend query asks). */
  resolve(topicId: string): Promise<ResolvedTopic> {
    const now = Date.now();
    const cached = this.cache.get(topicId);
    if (cached && cached.until > now) return cached.resolved;
    const resolved = this.read(topicId);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(topicId, { until: now + RESOLVE_CACHE_MS, resolved });
    resolved.catch(() => this.cache.delete(topicId));
    return resolved;
  }

  private async read(topicId: string): Promise<ResolvedTopic> {
    const state = await this.topics.get(topicId);
    if (!state) return { version: 1, notes: [] };
    if (state.deleted) throw new TopicNotFoundError(topicId);
    const backfilling = state.liveVersions.filter((v) => v !== state.activeVersion && v > (state.activeVersion ?? 0));
    if (state.activeVersion !== null) {
      return {
        version: state.activeVersion,
        notes: backfilling.map(
          (v) =>
            `version ${v} of the topic is being backfilled; these numbers are version ${state.activeVersion}'s until it completes`,
        ),
      };
    }
    const first = state.liveVersions[0] ?? 1;
    return {
      version: first,
      notes: [`the topic's first backfill is running: version ${first} counts only the articles reached so far`],
    };
  }

  /** Deletes the buckets and markers of superseded versions and deleted topics; returns the versions cleaned. */
  async cleanUp(limit = 20): Promise<number> {
    let cleaned = 0;
    for (const state of await this.topics.withCleanup(limit)) {
      for (const version of state.cleanup) {
        const series = seriesKey({ kind: 'topic', id: topicVersionKey(state.topicId, version) });
        const [buckets, markers] = [await this.buckets.deleteSeries(series), await this.markers.deleteSeries(series)];
        this.logger.log(
          `topic ${state.topicId} version ${version}: ${buckets} bucket(s), ${markers} marker(s) deleted`,
        );
      }
      await this.lock.run(`topic-state:${state.topicId}`, () => this.topics.cleaned(state.topicId, state.cleanup));
      cleaned += state.cleanup.length;
    }
    return cleaned;
  }
}
