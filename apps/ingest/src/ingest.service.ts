import {
  QUEUE_GROUPS,
  SourceFetchNowQueryV1,
  SourceGetQueryV1,
  SourcesDeleteQueryV1,
  SourcesListQueryV1,
  SourcesUpsertQueryV1,
} from '@media-monitor/contracts';
import { ApiErrorFilter } from '@media-monitor/service-kit';
import { registerApiHardening, type LaunchOptions } from '@media-monitor/service-runtime';
import { loadIngestConfig } from './ingest.config.js';
import { IngestModule } from './ingest.module.js';

/**
 * ingest: the push API and the scheduled sources (feeds, sitemaps, Telegram channels); stores each
 * article once, places it in a story, publishes article.ingested.v1; answers the source queries.
 */
export function createIngestService(env?: NodeJS.ProcessEnv): LaunchOptions {
  return {
    name: 'ingest',
    defaultHttpPort: 3001,
    module: (_config, environment) => IngestModule.register(loadIngestConfig(environment)),
    queries: [SourcesListQueryV1, SourceGetQueryV1, SourcesUpsertQueryV1, SourcesDeleteQueryV1, SourceFetchNowQueryV1],
    queueGroup: QUEUE_GROUPS.ingest,
    // The gateway's error shape: `{ error: { code, message } }`, never a stack trace.
    httpFilters: [new ApiErrorFilter()],
    // The gateway's headers, CORS and per-key rate limit (RATE_LIMIT_PER_MINUTE) on the push API.
    configureHttp: async (app, environment) => {
      const config = loadIngestConfig(environment);
      await registerApiHardening(app, {
        corsOrigins: config.CORS_ORIGINS,
        rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
        rateLimitedCode: 'ingest.rate_limited',
      });
    },
    env,
  };
}

export const ingestService: LaunchOptions = createIngestService();
