import { Module, type DynamicModule } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module.js';
import { AddressPolicy } from '../fetching/domain/address-policy.js';
import { HostLimiter } from '../fetching/application/host-limiter.js';
import { HTTP_FETCHER } from '../fetching/application/http-fetcher.js';
import { PoliteFetcher } from '../fetching/application/polite.fetcher.js';
import { RobotsPolicy } from '../fetching/application/robots.policy.js';
import { UndiciHttpFetcher } from '../fetching/infrastructure/undici-http.fetcher.js';
import type { IngestConfig } from '../ingest.config.js';
import { ArticleIntake } from './application/article-intake.js';
import { COLLECTION_STATUS_PUBLISHER } from './application/collection-status.publisher.js';
import { FETCH_OPTIONS, type FetchOptions } from './application/fetch.options.js';
import { FetchSourceUseCase } from './application/fetch-source.use-case.js';
import { ManageSourcesUseCase } from './application/manage-sources.use-case.js';
import { RunDueSourcesUseCase } from './application/run-due-sources.use-case.js';
import { FETCH_RUN_REPOSITORY, SOURCE_REPOSITORY, SOURCE_STATE_REPOSITORY } from './application/source.repository.js';
import { SourcesResponder } from './http/sources.responder.js';
import {
  MongoFetchRunRepository,
  MongoSourceRepository,
  MongoSourceStateRepository,
} from './infrastructure/mongo-source.repositories.js';
import { JetStreamCollectionStatusPublisher } from './infrastructure/jetstream-collection-status.publisher.js';
import { SourceScheduler } from './infrastructure/source.scheduler.js';

export function fetchOptionsFrom(config: IngestConfig): FetchOptions {
  return {
    enabled: config.FETCH_ENABLED,
    maxBytes: config.FETCH_MAX_BYTES,
    minIntervalMs: config.FETCH_MIN_INTERVAL_S * 1000,
    maxIntervalMs: config.FETCH_MAX_INTERVAL_S * 1000,
    tickMs: config.FETCH_TICK_MS,
    leaseMs: config.FETCH_LEASE_MS,
    concurrency: config.FETCH_CONCURRENCY,
    maxItemsPerRun: config.FETCH_MAX_ITEMS_PER_RUN,
    sourcesFile: config.INGEST_SOURCES_FILE,
  };
}

/** The fetch stack: guarded undici, robots.txt and per-host limits in front. */
export function politeFetcher(config: IngestConfig): { fetcher: PoliteFetcher; close: () => Promise<void> } {
  const raw = new UndiciHttpFetcher({
    userAgent: config.FETCH_USER_AGENT,
    timeoutMs: config.FETCH_TIMEOUT_MS,
    maxRedirects: config.FETCH_MAX_REDIRECTS,
    policy: new AddressPolicy(config.FETCH_ALLOW_PRIVATE_CIDRS),
  });
  const robots = new RobotsPolicy(raw, config.FETCH_USER_AGENT, config.FETCH_ROBOTS_TTL_MS);
  const hosts = new HostLimiter({ concurrency: config.FETCH_HOST_CONCURRENCY, minDelayMs: config.FETCH_HOST_DELAY_MS });
  return { fetcher: new PoliteFetcher(raw, robots, hosts), close: () => raw.close() };
}

class FetcherCloser {
  constructor(private readonly close: () => Promise<void>) {}
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}

/** Sources: management queries, the fetch scheduler, the fetcher, the intake into the article pipeline. */
@Module({})
export class SourcesModule {
  static register(config: IngestConfig): DynamicModule {
    const { fetcher, close } = politeFetcher(config);
    return {
      module: SourcesModule,
      imports: [ArticlesModule],
      controllers: [SourcesResponder],
      providers: [
        { provide: FETCH_OPTIONS, useValue: fetchOptionsFrom(config) },
        { provide: HTTP_FETCHER, useValue: fetcher },
        { provide: FetcherCloser, useValue: new FetcherCloser(close) },
        { provide: SOURCE_REPOSITORY, useClass: MongoSourceRepository },
        { provide: SOURCE_STATE_REPOSITORY, useClass: MongoSourceStateRepository },
        { provide: FETCH_RUN_REPOSITORY, useClass: MongoFetchRunRepository },
        { provide: COLLECTION_STATUS_PUBLISHER, useClass: JetStreamCollectionStatusPublisher },
        ArticleIntake,
        FetchSourceUseCase,
        RunDueSourcesUseCase,
        ManageSourcesUseCase,
        SourceScheduler,
      ],
    };
  }
}
