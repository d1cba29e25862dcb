import { Inject, Injectable } from '@nestjs/common';
import type { TopicCreateInputV1, TopicUpdateInputV1, TopicViewV1 } from '@media-monitor/contracts';
import { QueryParseError } from '@media-monitor/nlp';
import type { KeyedLock } from '@media-monitor/persistence';
import {
  BACKFILL_REPOSITORY,
  type BackfillProgress,
  type BackfillRepository,
} from '../../backfill/application/backfill.repository.js';
import { CATALOG_REVISIONS, type CatalogRevisions } from '../../catalog/application/catalog-revisions.js';
import { MatchingCatalog } from '../../catalog/application/matching-catalog.js';
import type { EntityConfig } from '../../entity.config.js';
import { CHANGE_LOCK, ENTITY_CONFIG } from '../../entity.tokens.js';
import { compileDefinition, sameDefinition, type TopicDefinition } from '../domain/topic.js';
import { TopicError } from '../domain/topic.errors.js';
import { topicIdFromName } from '../domain/topic-id.js';
import { latestVersion, type TopicRecord, type TopicState, type TopicVersion } from '../domain/topic-state.js';
import { TopicChanges } from './topic-changes.js';
import { backfillView, topicView } from './topic-view.js';
import { TOPIC_REPOSITORY, type TopicRepository } from './topic.repository.js';

/** Topics created without an id get their name's slug, then `-2`, `-3`, ... when it is taken. */
const MAX_ID_SUFFIX = 100;

/**
 * Topics and their versions. A change of the query (or of the language or source filters) makes a
 * new version, matched live from then on and backfilled over the stored articles; it becomes active
 * when its backfill completes. Every change of a topic runs under its lock (across replicas) and is
 * announced with topic.changed.v1.
 */
@Injectable()
export class ManageTopicsUseCase {
  constructor(
    @Inject(TOPIC_REPOSITORY) private readonly topics: TopicRepository,
    @Inject(BACKFILL_REPOSITORY) private readonly backfills: BackfillRepository,
    @Inject(CATALOG_REVISIONS) private readonly revisions: CatalogRevisions,
    @Inject(CHANGE_LOCK) private readonly lock: KeyedLock,
    @Inject(ENTITY_CONFIG) private readonly config: EntityConfig,
    private readonly changes: TopicChanges,
    private readonly catalog: MatchingCatalog,
  ) {}

  async list(): Promise<TopicViewV1[]> {
    const [states, latest] = await Promise.all([this.topics.states(), this.backfills.latest()]);
    return states
      .filter((s) => !s.topic.deletedAt && s.versions.length > 0)
      .sort((a, b) => a.topic.topicId.localeCompare(b.topic.topicId))
      .map((s) => topicView(s, latest.get(s.topic.topicId) ?? null));
  }

  async get(topicId: string): Promise<TopicViewV1 | null> {
    const state = await this.topics.state(topicId);
    if (!state || state.topic.deletedAt || state.versions.length === 0) return null;
    return this.view(state);
  }

  async backfillsOf(topicId: string) {
    const state = await this.topics.state(topicId);
    if (!state || state.topic.deletedAt) throw notFound(topicId);
    const { activeVersion } = topicView(state, null);
    return { topicId, activeVersion, backfills: (await this.backfills.ofTopic(topicId)).map(backfillView) };
  }

  /** Creates a topic at version 1 (a deleted topic's id continues its version numbers). */
  async create(input: TopicCreateInputV1): Promise<TopicViewV1> {
    const definition = this.validated(input);
    const candidates = input.topicId
      ? [input.topicId]
      : Array.from({ length: MAX_ID_SUFFIX }, (_, i) => topicIdFromName(input.name) + (i === 0 ? '' : `-${i + 1}`));
    for (const topicId of candidates) {
      const state = await this.lock.run(`topic:${topicId}`, async () => {
        const existing = await this.topics.state(topicId);
        if (existing && !existing.topic.deletedAt) return null;
        const now = new Date();
        return this.addVersion(
          {
            topic: {
              topicId,
              name: input.name,
              ...(input.description ? { description: input.description } : {}),
              createdAt: existing?.topic.createdAt ?? now,
              updatedAt: now,
              deletedAt: null,
              changeSeq: existing?.topic.changeSeq ?? 0,
              // Created again after a delete: the numbering goes on, the old versions stay behind.
              firstVersion: (existing ? (latestVersion(existing)?.version ?? 0) : 0) + 1,
            },
            versions: existing?.versions ?? [],
          },
          definition,
          now,
        );
      });
      if (state) return this.changed(state);
    }
    throw new TopicError('topic.already_exists', `a topic "${candidates[0]}" exists already`);
  }

  /** Replaces a topic's name, description and definition; a new definition makes a new version. */
  async update(topicId: string, input: TopicUpdateInputV1): Promise<{ topic: TopicViewV1; newVersion: boolean }> {
    const definition = this.validated(input);
    const outcome = await this.lock.run(`topic:${topicId}`, async () => {
      const state = await this.topics.state(topicId);
      const latest = state && !state.topic.deletedAt ? latestVersion(state) : undefined;
      if (!state || !latest) throw notFound(topicId);
      const now = new Date();
      const renamed = state.topic.name !== input.name || (state.topic.description ?? '') !== (input.description ?? '');
      const { description: _old, ...kept } = state.topic;
      const topic: TopicRecord = {
        ...kept,
        name: input.name,
        ...(input.description ? { description: input.description } : {}),
        updatedAt: now,
      };
      if (!sameDefinition(latest, definition)) {
        return { state: await this.addVersion({ ...state, topic }, definition, now), newVersion: true };
      }
      if (!renamed) return { state, newVersion: false, unchanged: true };
      const next = { ...state, topic };
      await this.topics.saveRecord(topic);
      await this.changes.record(next, now);
      return { state: next, newVersion: false };
    });
    if ('unchanged' in outcome) return { topic: await this.view(outcome.state), newVersion: false };
    return { topic: await this.changed(outcome.state), newVersion: outcome.newVersion };
  }

  /** Deletes a topic: live matching stops, its backfill is cancelled; false when there is none. */
  async delete(topicId: string): Promise<boolean> {
    const deleted = await this.lock.run(`topic:${topicId}`, async () => {
      const state = await this.topics.state(topicId);
      if (!state || state.topic.deletedAt) return false;
      const now = new Date();
      const next: TopicState = { ...state, topic: { ...state.topic, deletedAt: now, updatedAt: now } };
      await this.topics.saveRecord(next.topic);
      await this.cancelBackfills(topicId, 'the topic was deleted', now);
      await this.changes.record(next, now);
      return true;
    });
    if (deleted) await this.catalogChanged();
    return deleted;
  }

  /** Publishes topic changes left in the outbox (a failed publish, a crash), topic by topic under its lock. */
  async relayChanges(): Promise<number> {
    let published = 0;
    for (const topicId of await this.changes.pendingTopics()) {
      published += await this.lock.run(`topic:${topicId}`, () => this.changes.publishPending(topicId));
    }
    return published;
  }

  /** Makes a version active once its backfill has gone through every stored article. */
  async completeBackfill(topicId: string, version: number): Promise<'completed' | 'cancelled'> {
    const outcome = await this.lock.run(`topic:${topicId}`, async () => {
      const state = await this.topics.state(topicId);
      const entry = state?.versions.find((v) => v.version === version);
      const now = new Date();
      // Only the newest version is matched live all along; an older one would miss articles.
      if (!state || !entry || state.topic.deletedAt || entry.failedAt || latestVersion(state) !== entry) {
        await this.backfills.update(topicId, version, { status: 'cancelled', finishedAt: now, updatedAt: now });
        return 'cancelled' as const;
      }
      await this.backfills.update(topicId, version, {
        status: 'completed',
        finishedAt: now,
        updatedAt: now,
        error: null,
      });
      await this.topics.completeVersion(topicId, version, now);
      entry.completedAt = now;
      await this.changes.record(state, now);
      return 'completed' as const;
    });
    await this.catalogChanged();
    return outcome;
  }

  /** Gives up a version for good (its query no longer compiles): it is never live again. */
  async failBackfill(topicId: string, version: number, reason: string): Promise<void> {
    await this.lock.run(`topic:${topicId}`, async () => {
      const state = await this.topics.state(topicId);
      const entry = state?.versions.find((v) => v.version === version);
      const now = new Date();
      await this.backfills.update(topicId, version, {
        status: 'failed',
        error: reason,
        finishedAt: now,
        updatedAt: now,
      });
      if (!state || !entry || entry.failedAt) return;
      await this.topics.failVersion(topicId, version, now);
      entry.failedAt = now;
      await this.changes.record(state, now);
    });
    await this.catalogChanged();
  }

  /**
   * Seeds and migrations: stores a topic whose version 1 is active at once (it needs no backfill:
   * it was matched live from the first article). Skipped when the id exists, deleted or not. Runs
   * at start, before the streams exist: the outbox relay announces it.
   */
  async createActive(topic: { topicId: string; name: string; description?: string }, definition: TopicDefinition) {
    return this.lock.run(`topic:${topic.topicId}`, async () => {
      const existing = await this.topics.state(topic.topicId);
      if (existing && existing.versions.length > 0) return false;
      const now = new Date();
      const version: TopicVersion = {
        ...definition,
        topicId: topic.topicId,
        version: 1,
        createdAt: now,
        completedAt: now,
        failedAt: null,
      };
      const record = {
        ...topic,
        createdAt: existing && existing.topic.createdAt.getTime() > 0 ? existing.topic.createdAt : now,
        updatedAt: now,
        deletedAt: null,
        changeSeq: existing?.topic.changeSeq ?? 0,
        firstVersion: 1,
      };
      if (!(await this.topics.addVersion(version))) return false;
      await this.topics.saveRecord(record);
      await this.changes.record({ topic: record, versions: [version] }, now, false);
      return true;
    });
  }

  /** The definition, checked: its query must compile with the registry's current aliases. */
  private validated(input: TopicDefinition): TopicDefinition {
    const definition = { query: input.query, languages: input.languages, sourceIds: input.sourceIds };
    try {
      compileDefinition(definition, this.catalog.current().aliases);
    } catch (error) {
      if (error instanceof QueryParseError) throw TopicError.invalidQuery(error);
      throw error;
    }
    return definition;
  }

  /** Stores the next version, its waiting backfill and the change (under the topic's lock). */
  private async addVersion(state: TopicState, definition: TopicDefinition, now: Date): Promise<TopicState> {
    const number = (latestVersion(state)?.version ?? 0) + 1;
    const version: TopicVersion = {
      ...definition,
      topicId: state.topic.topicId,
      version: number,
      createdAt: now,
      completedAt: null,
      failedAt: null,
    };
    if (!(await this.topics.addVersion(version))) {
      throw new TopicError('topic.concurrent_update', `topic ${state.topic.topicId} changed meanwhile; try again`);
    }
    await this.cancelBackfills(state.topic.topicId, `superseded by version ${number}`, now);
    const progress: BackfillProgress = {
      topicId: state.topic.topicId,
      version: number,
      status: 'waiting',
      total: 0,
      scanned: 0,
      matched: 0,
      cursor: null,
      createdAt: now,
      notBefore: new Date(now.getTime() + this.settleMs()),
      startedAt: null,
      updatedAt: now,
      finishedAt: null,
      error: null,
    };
    await this.backfills.create(progress);
    const next = { topic: state.topic, versions: [...state.versions, version] };
    await this.topics.saveRecord(next.topic);
    await this.changes.record(next, now);
    return next;
  }

  private async cancelBackfills(topicId: string, reason: string, now: Date): Promise<void> {
    for (const progress of await this.backfills.ofTopic(topicId)) {
      if (progress.status === 'waiting' || progress.status === 'running') {
        await this.backfills.update(topicId, progress.version, {
          status: 'cancelled',
          error: reason,
          finishedAt: now,
          updatedAt: now,
        });
      }
    }
  }

  /**
   * How long a new version waits before its backfill starts: by then every replica refreshed its
   * catalog (twice the refresh interval, and a second to spare), so articles stored later were
   * matched live against it and the backfill's single pass misses none.
   */
  private settleMs(): number {
    return 2 * this.config.ENTITY_CATALOG_REFRESH_MS + 1_000;
  }

  private async changed(state: TopicState): Promise<TopicViewV1> {
    await this.catalogChanged();
    return this.view(state);
  }

  private async catalogChanged(): Promise<void> {
    await this.revisions.bump('topics');
    await this.catalog.refresh();
  }

  private async view(state: TopicState): Promise<TopicViewV1> {
    const latest = latestVersion(state);
    const backfill = latest ? await this.backfills.get(state.topic.topicId, latest.version) : null;
    return topicView(state, backfill);
  }
}

function notFound(topicId: string): TopicError {
  return new TopicError('topic.not_found', `no topic "${topicId}"`);
}
