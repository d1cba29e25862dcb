import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { MONGO_CONNECTION, findEachById, insertOnce } from '@media-monitor/persistence';
import type { Carrier, CarrierRepository } from '../application/carrier.repository.js';
import { CARRIER_MODEL, carrierSchema, type CarrierDocument } from './article.schema.js';

@Injectable()
export class MongoCarrierRepository implements CarrierRepository {
  private readonly model: Model<CarrierDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model =
      (connection.models[CARRIER_MODEL] as Model<CarrierDocument> | undefined) ??
      connection.model<CarrierDocument>(CARRIER_MODEL, carrierSchema);
  }

  async record(articleId: string, source: { id: string; name?: string }, url: string, at: Date): Promise<void> {
    await insertOnce(this.model, {
      _id: `${articleId}|${source.id}`,
      articleId,
      sourceId: source.id,
      ...(source.name ? { sourceName: source.name } : {}),
      url,
      firstSeenAt: at,
    });
  }

  async listFor(articleId: string): Promise<Carrier[]> {
    const docs = await this.model.find({ articleId }).sort({ firstSeenAt: 1, _id: 1 }).lean<CarrierDocument[]>();
    return docs.map((doc) => ({
      articleId: doc.articleId,
      source: doc.sourceName ? { id: doc.sourceId, name: doc.sourceName } : { id: doc.sourceId },
      url: doc.url,
      firstSeenAt: doc.firstSeenAt.toISOString(),
    }));
  }

  async carriedBy(sourceId: string, articleIds: readonly string[]): Promise<Set<string>> {
    if (articleIds.length === 0) return new Set();
    const docs = (await findEachById(
      this.model,
      articleIds.map((id) => `${id}|${sourceId}`),
      { articleId: 1 },
    )) as unknown as Array<{ articleId: string }>;
    return new Set(docs.map((doc) => doc.articleId));
  }

  async countBySourceSince(since: Date): Promise<Map<string, number>> {
    const rows = await this.model.aggregate<{ _id: string; n: number }>([
      { $match: { firstSeenAt: { $gte: since } } },
      { $group: { _id: '$sourceId', n: { $sum: 1 } } },
    ]);
    return new Map(rows.map((row) => [row._id, row.n]));
  }

  async lastSeenAt(sourceId: string): Promise<Date | undefined> {
    const doc = await this.model
      .findOne({ sourceId }, { firstSeenAt: 1 })
      .sort({ firstSeenAt: -1 })
      .lean<CarrierDocument>();
    return doc?.firstSeenAt;
  }
}
