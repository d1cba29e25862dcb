import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ArticleEntitiesV1, ArticleIngestedV1 } from '@media-monitor/contracts';
import { analyzeEntities } from '../domain/analyze.js';
import { Gazetteer } from '../domain/gazetteer.js';
import { SEED_ENTITIES } from '../domain/seed-entities.js';
import { TOPIC_REPOSITORY, type TopicRepository } from '../../topics/application/topic.repository.js';
import { TopicMatcher, aliasResolverFor } from '../../topics/domain/topic.js';
import { ENTITY_ANALYSIS_PUBLISHER, type EntityAnalysisPublisher } from './entity-analysis.publisher.js';
import { ENTITY_ANALYSIS_REPOSITORY, type EntityAnalysisRepository } from './entity-analysis.repository.js';

export const ANALYZER = { name: 'gazetteer+perceptron-ner', version: '0.2.0' } as const;

/** Finds the entities and topics of an ingested article, stores the result, then announces it. */
@Injectable()
export class AnalyzeArticleUseCase {
  private readonly logger = new Logger('AnalyzeArticle');
  private readonly gazetteer = new Gazetteer(SEED_ENTITIES);
  private readonly topicMatcher = new TopicMatcher(aliasResolverFor(SEED_ENTITIES));

  constructor(
    @Inject(TOPIC_REPOSITORY) private readonly topics: TopicRepository,
    @Inject(ENTITY_ANALYSIS_REPOSITORY) private readonly analyses: EntityAnalysisRepository,
    @Inject(ENTITY_ANALYSIS_PUBLISHER) private readonly publisher: EntityAnalysisPublisher,
  ) {}

  async execute(article: ArticleIngestedV1): Promise<ArticleEntitiesV1> {
    const { entities, topics, invalidTopics } = analyzeEntities(
      article,
      this.gazetteer,
      this.topicMatcher,
      await this.topics.all(),
    );
    if (invalidTopics.length > 0)
      this.logger.warn(`topics skipped, their queries do not compile: ${invalidTopics.join('; ')}`);
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
    await this.analyses.save(analysis);
    await this.publisher.publish(analysis);
    return analysis;
  }
}
