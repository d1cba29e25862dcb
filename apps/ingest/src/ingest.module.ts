import { Module, type DynamicModule } from '@nestjs/common';
import { ArticlesModule } from './articles/articles.module.js';
import type { IngestConfig } from './ingest.config.js';
import { SourcesModule } from './sources/sources.module.js';

/** The push API and article pipeline, plus the sources that are fetched on a schedule. */
@Module({})
export class IngestModule {
  static register(config: IngestConfig): DynamicModule {
    return { module: IngestModule, imports: [ArticlesModule, SourcesModule.register(config)] };
  }
}
