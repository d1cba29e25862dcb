import { Inject, Injectable } from '@nestjs/common';
import mongoose, { type Connection, type Model } from 'mongoose';
import type { ArticleEntitiesV1 } from '@media-monitor/contracts';
import { MONGO_CONNECTION, upsertByNaturalKey } from '@media-monitor/persistence';
import type { EntityAnalysisRepository } from '../application/entity-analysis.repository.js';

/** The analysis without the article body, which ingest keeps. */
interface EntityAnalysisDocument extends Omit<ArticleEntitiesV1, 'articleId' | 'publishedAt' | 'body'> {
  _id: string;
  publishedAt: Date;
  entityIds: string[];
  topicIds: string[];
}

const MODEL = 'EntityAnalysis';
const schema = new mongoose.Schema<EntityAnalysisDocument>(
  {
    _id: String,
    publishedAt: { type: Date, required: true },
    language: String,
    url: String,
    title: String,
    source: mongoose.Schema.Types.Mixed,
    analyzer: mongoose.Schema.Types.Mixed,
    entities: mongoose.Schema.Types.Mixed,
    topics: mongoose.Schema.Types.Mixed,
    entityIds: [String],
    topicIds: [String],
  },
  { collection: 'article_entities', versionKey: false },
);
schema.index({ entityIds: 1, publishedAt: -1 });
schema.index({ topicIds: 1, publishedAt: -1 });

@Injectable()
export class MongoEntityAnalysisRepository implements EntityAnalysisRepository {
  private readonly model: Model<EntityAnalysisDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = connection.models[MODEL] ?? connection.model<EntityAnalysisDocument>(MODEL, schema);
  }

  async save(analysis: ArticleEntitiesV1): Promise<void> {
    const { articleId, publishedAt, body: _body, ...rest } = analysis;
    await upsertByNaturalKey(
      this.model,
      { _id: articleId },
      {
        ...rest,
        publishedAt: new Date(publishedAt),
        entityIds: analysis.entities.map((e) => e.entityId),
        topicIds: analysis.topics.map((t) => t.topicId),
      },
    );
  }
}
