import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { SEED_ENTITIES } from './analysis/domain/seed-entities.js';
import { BackfillRunner } from './backfill/application/backfill.runner.js';
import { CATALOG_REVISIONS, type CatalogRevisions } from './catalog/application/catalog-revisions.js';
import { MatchingCatalog } from './catalog/application/matching-catalog.js';
import type { EntityConfig } from './entity.config.js';
import { ENTITY_CONFIG } from './entity.tokens.js';
import { ManageRegistryUseCase } from './registry/application/manage-registry.use-case.js';
import { ManageTopicsUseCase } from './topics/application/manage-topics.use-case.js';
import { TOPIC_REPOSITORY, type TopicRepository } from './topics/application/topic.repository.js';
import { SEED_TOPICS } from './topics/domain/seed-topics.js';

/**
 * Before any article is consumed: seeds the alias registry and the demo topic (first start only),
 * moves topics stored before versions to version 1 and builds the matching catalog. Then keeps the
 * catalog fresh, publishes topic changes left in the outbox (the seeds' first) and runs backfills.
 */
@Injectable()
export class EntityLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EntityLifecycle.name);
  private timers: NodeJS.Timeout[] = [];
  private refreshing: Promise<unknown> | null = null;

  constructor(
    @Inject(ENTITY_CONFIG) private readonly config: EntityConfig,
    @Inject(TOPIC_REPOSITORY) private readonly topicStore: TopicRepository,
    @Inject(CATALOG_REVISIONS) private readonly revisions: CatalogRevisions,
    private readonly registry: ManageRegistryUseCase,
    private readonly topics: ManageTopicsUseCase,
    private readonly catalog: MatchingCatalog,
    private readonly backfills: BackfillRunner,
  ) {}

  async onModuleInit(): Promise<void> {
    const entities = await this.registry.seed(SEED_ENTITIES);
    let topics = 0;
    for (const legacy of await this.topicStore.legacy()) {
      const { query, ...topic } = legacy;
      if (await this.topics.createActive(topic, { query, languages: [], sourceIds: [] })) topics++;
    }
    for (const seed of SEED_TOPICS) {
      const { definition, ...topic } = seed;
      if (await this.topics.createActive(topic, definition)) topics++;
    }
    if (topics > 0) await this.revisions.bump('topics');
    if (entities + topics > 0) this.logger.log(`seeded ${entities} entities and ${topics} topics`);
    await this.catalog.refresh();
  }

  onApplicationBootstrap(): void {
    const poll = this.config.ENTITY_BACKFILL_POLL_MS;
    this.timers.push(setInterval(() => this.refresh(), this.config.ENTITY_CATALOG_REFRESH_MS));
    // The streams are provisioned when the consumers start, right after this hook.
    this.timers.push(setTimeout(() => void this.relay(), poll));
    this.timers.push(setInterval(() => void this.relay(), poll * 5));
    this.backfills.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    await this.backfills.stop();
    await this.refreshing;
  }

  private refresh(): void {
    if (this.refreshing) return;
    this.refreshing = this.catalog
      .refresh()
      .catch((error: Error) => this.logger.error(`catalog refresh failed, keeping the last one: ${error.message}`))
      .finally(() => {
        this.refreshing = null;
      });
  }

  private async relay(): Promise<void> {
    try {
      const published = await this.topics.relayChanges();
      if (published > 0) this.logger.log(`published ${published} topic change(s) from the outbox`);
    } catch (error) {
      this.logger.warn(`topic changes stay in the outbox for now: ${(error as Error).message}`);
    }
  }
}
