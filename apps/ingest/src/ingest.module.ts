import { Module, type DynamicModule } from '@nestjs/common';
import { ApiAuthModule, DEFAULT_API_KEYS_DB } from '@media-monitor/service-runtime';
import { ArticlesModule } from './articles/articles.module.js';
import type { IngestConfig } from './ingest.config.js';
import { SourcesModule } from './sources/sources.module.js';

/**
 * The push API and article pipeline, plus the sources that are fetched on a schedule. Every HTTP
 * route but health and metrics needs an API key with the `ingest` scope (or `admin`), checked
 * against the gateway's key store.
 */
@Module({})
export class IngestModule {
  static register(config: IngestConfig): DynamicModule {
    const auth = ApiAuthModule.register({
      mode: config.API_AUTH,
      bootstrapKey: config.API_BOOTSTRAP_KEY,
      database: config.API_KEYS_DB ?? DEFAULT_API_KEYS_DB,
      defaultScope: 'ingest',
      guardEveryRoute: true,
    });
    return { module: IngestModule, imports: [auth, ArticlesModule, SourcesModule.register(config)] };
  }
}
