import { Inject, Injectable, Logger } from '@nestjs/common';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { QueryParseError, type AliasResolver } from '@media-monitor/nlp';
import { Gazetteer } from '../../analysis/domain/gazetteer.js';
import {
  ENTITY_REGISTRY_REPOSITORY,
  type EntityRegistryRepository,
} from '../../registry/application/entity-registry.repository.js';
import { toCanonical, type RegistryEntity } from '../../registry/domain/registry-entity.js';
import { TOPIC_REPOSITORY, type TopicRepository } from '../../topics/application/topic.repository.js';
import { buildAliasResolver, compileLive, type LiveTopicVersion } from '../../topics/domain/topic.js';
import { liveRefs, type TopicState } from '../../topics/domain/topic-state.js';
import { CATALOG_REVISIONS, type CatalogRevisions } from './catalog-revisions.js';

/** What one article is matched against: the registry's gazetteer and aliases, and the live topic versions. */
export interface CatalogSnapshot {
  registryRevision: string | null;
  topicsRevision: string | null;
  entities: readonly RegistryEntity[];
  gazetteer: Gazetteer;
  aliases: AliasResolver;
  /** Live versions of every topic, compiled with `aliases`. */
  live: readonly LiveTopicVersion[];
  /** Every topic with its versions, as loaded. */
  topics: readonly TopicState[];
  builtAt: Date;
}

/** Topic versions compiled before the build yields to waiting messages again. */
const COMPILES_PER_SLICE = 20;

/**
 * The registry and the topics, compiled for matching. Message handlers read the current snapshot
 * without waiting; a refresh (on a timer, or right after a change made here) builds a new one in the
 * background, yielding to the event loop between slices, and swaps it in when it is complete.
 */
@Injectable()
export class MatchingCatalog {
  private readonly logger = new Logger(MatchingCatalog.name);
  private snapshot: CatalogSnapshot | undefined;
  private refreshing: Promise<void> | undefined;
  private again = false;

  constructor(
    @Inject(ENTITY_REGISTRY_REPOSITORY) private readonly registry: EntityRegistryRepository,
    @Inject(TOPIC_REPOSITORY) private readonly topics: TopicRepository,
    @Inject(CATALOG_REVISIONS) private readonly revisions: CatalogRevisions,
  ) {}

  /** The snapshot in use. */
  current(): CatalogSnapshot {
    if (!this.snapshot) throw new Error('the matching catalog is used before it was loaded');
    return this.snapshot;
  }

  get loaded(): boolean {
    return this.snapshot !== undefined;
  }

  /**
   * Rebuilds what changed since the snapshot in use (nothing when the revisions are the same). One
   * refresh runs at a time; a call during one makes it run once more, so no change is missed.
   */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.again = false;
          await this.rebuild();
        } while (this.again);
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  private async rebuild(): Promise<void> {
    const revisions = await this.revisions.read();
    const previous = this.snapshot;
    const registryChanged = !previous || previous.registryRevision !== revisions.registry;
    const topicsChanged = !previous || previous.topicsRevision !== revisions.topics;
    if (!registryChanged && !topicsChanged) return;
    let { entities, gazetteer, aliases } = previous ?? { entities: [], gazetteer: undefined, aliases: undefined };
    if (registryChanged || !gazetteer || !aliases) {
      entities = await this.registry.all();
      const canonical = entities.map(toCanonical);
      gazetteer = await Gazetteer.build(canonical);
      aliases = await buildAliasResolver(canonical);
    }
    const topics = topicsChanged || !previous ? await this.topics.states() : previous.topics;
    const live: LiveTopicVersion[] = [];
    const refs = topics.flatMap(liveRefs);
    for (let i = 0; i < refs.length; i += COMPILES_PER_SLICE) {
      live.push(...compileLive(refs.slice(i, i + COMPILES_PER_SLICE), aliases));
      await yieldToEvents();
    }
    for (const { ref, compiled } of live) {
      if (compiled instanceof QueryParseError) {
        this.logger.warn(
          `topic ${ref.topicId}@${ref.version} matches nothing, its query does not compile: ${compiled.message}`,
        );
      }
    }
    this.snapshot = {
      registryRevision: revisions.registry,
      topicsRevision: revisions.topics,
      entities,
      gazetteer,
      aliases,
      live,
      topics,
      builtAt: new Date(),
    };
    this.logger.log(
      `catalog built: ${entities.length} entities (${gazetteer.size} aliases), ${live.length} live topic versions`,
    );
  }
}
