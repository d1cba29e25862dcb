import { Inject, Injectable } from '@nestjs/common';
import type { ArticleEntitiesV1, ArticleIngestedV1 } from '@media-monitor/contracts';
import { MatchingCatalog } from '../../catalog/application/matching-catalog.js';
import { analyzeEntities } from '../domain/analyze.js';
import { ENTITY_ANALYSIS_PUBLISHER, type EntityAnalysisPublisher } from './entity-analysis.publisher.js';
import { ENTITY_ANALYSIS_REPOSITORY, type EntityAnalysisRepository } from './entity-analysis.repository.js';
import { LiveTraffic } from './live-traffic.js';

export const ANALYZER = { name: 'gazetteer+perceptron-ner', version: '0.2.0' } as const;

/**
 * Finds the entities of an ingested article (the alias registry, then NER) and the topic versions
 * it matches (every live version of every topic), stores the result with the text, then announces it.
 */
@Injectable()
export class AnalyzeArticleUseCase {
  constructor(
    @Inject(ENTITY_ANALYSIS_REPOSITORY) private readonly analyses: EntityAnalysisRepository,
    @Inject(ENTITY_ANALYSIS_PUBLISHER) private readonly publisher: EntityAnalysisPublisher,
    private readonly catalog: MatchingCatalog,
    private readonly traffic: LiveTraffic,
  ) {}

  execute(article: ArticleIngestedV1): Promise<ArticleEntitiesV1> {
    return this.traffic.track(async () => {
      const { gazetteer, live } = this.catalog.current();
      const { entities, topics } = analyzeEntities(article, gazetteer, live);
      const analysis: ArticleEntitiesV1 = {
        articleId: article.articleId,
        publishedAt: article.publishedAt,
        language: article.language,
        source: article.source,
        url: article.url,
        title: article.title,
        body: article.body,
        ...(article.storyId ? { storyId: article.storyId } : {}),
        analyzer: { ...ANALYZER },
        entities,
        topics,
      };
      await this.analyses.save(analysis, new Date());
      await this.publisher.publish(analysis);
      return analysis;
    });
  }
}
