import type { LaunchOptions } from '@media-monitor/service-runtime';
import { ArticlesModule } from './articles/articles.module.js';

/** ingest: the push API; stores each article once and publishes article.ingested.v1. */
export const ingestService: LaunchOptions = {
  name: 'ingest',
  defaultHttpPort: 3001,
  module: () => ArticlesModule,
};
