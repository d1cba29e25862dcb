import { Inject, Injectable } from '@nestjs/common';
import mongoose, { type Connection, type Model } from 'mongoose';
import { MONGO_CONNECTION, trusted } from '@media-monitor/persistence';
import type { CollectionGap, CollectionGapRepository } from '../application/collection-gap.repository.js';

interface GapDocument extends CollectionGap {
  _id: string;
}

const GAP_MODEL = 'CollectionGap';
const gapSchema = new mongoose.Schema<GapDocument>(
  {
    _id: String,
    sourceId: { type: String, required: true },
    from: { type: Date, required: true },
    to: { type: Date, required: true },
    status: { type: String, required: true },
    reason: String,
    reportedAt: { type: Date, required: true },
  },
  { collection: 'collection_gaps', versionKey: false },
);
gapSchema.index({ sourceId: 1, from: 1 });
gapSchema.index({ from: 1 });

/** Collection reports by source and start; the later report of one period wins. */
@Injectable()
export class MongoCollectionGapRepository implements CollectionGapRepository {
  private readonly model: Model<GapDocument>;
  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = connection.models[GAP_MODEL] ?? connection.model<GapDocument>(GAP_MODEL, gapSchema);
  }

  async record(gap: CollectionGap): Promise<void> {
    const _id = `${gap.sourceId}|${gap.from.toISOString()}`;
    // One consumer writes, in stream order; the guard keeps a redelivered older report from winning.
    await this.model
      .updateOne({ _id, reportedAt: trusted({ $lte: gap.reportedAt }) }, { $set: { ...gap } }, { upsert: true })
      .catch((error: { code?: number }) => {
        if (error.code !== 11000) throw error; // a newer report is stored
      });
  }

  async overlapping(sourceId: string | undefined, from: Date, to: Date): Promise<CollectionGap[]> {
    const docs = await this.model
      .find({
        ...(sourceId ? { sourceId } : {}),
        status: trusted({ $ne: 'ok' }),
        from: trusted({ $lt: to }),
        to: trusted({ $gt: from }),
      })
      .sort({ from: 1 })
      .limit(1_000)
      .lean<GapDocument[]>();
    return docs.map(({ _id: _ignored, ...gap }) => gap);
  }
}
