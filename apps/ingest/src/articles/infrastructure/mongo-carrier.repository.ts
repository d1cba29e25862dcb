import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { KeySerializer, MONGO_CONNECTION, findEachById, insertOnce, trusted } from '@media-monitor/persistence';
import type { Carrier, CarrierRepository } from '../application/carrier.repository.js';
import {
  CARRIER_MODEL,
  SOURCE_ITEM_COUNT_MODEL,
  carrierSchema,
  sourceItemCountSchema,
  type CarrierDocument,
  type SourceItemCountDocument,
} from './article.schema.js';

const HOUR_MS = 3_600_000;
/** Hours of item counts kept per source: the 7 days of the health numbers and a day to spare. */
const KEPT_HOURS = 8 * 24;
/** Marks, among the counts, that they were filled from the carriers stored before them. */
const FILLED_FROM_CARRIERS = '#filled-from-carriers';

/** `YYYY-MM-DDTHH` (UTC) of the hour holding `at`. */
export function hourKey(at: Date): string {
  return at.toISOString().slice(0, 13);
}

@Injectable()
export class MongoCarrierRepository implements CarrierRepository, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MongoCarrierRepository.name);
  private readonly model: Model<CarrierDocument>;
  private readonly counts: Model<SourceItemCountDocument>;
  /** FerretDB v1 can lose concurrent updates of one document: this process counts per source in turn. */
  private readonly perSource = new KeySerializer();
  /** The hour each source's old counts were last pruned in. */
  private readonly prunedIn = new Map<string, string>();
  private filling?: Promise<void>;
  private stopping = false;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model =
      (connection.models[CARRIER_MODEL] as Model<CarrierDocument> | undefined) ??
      connection.model<CarrierDocument>(CARRIER_MODEL, carrierSchema);
    this.counts =
      (connection.models[SOURCE_ITEM_COUNT_MODEL] as Model<SourceItemCountDocument> | undefined) ??
      connection.model<SourceItemCountDocument>(SOURCE_ITEM_COUNT_MODEL, sourceItemCountSchema);
  }

  /** Stores written before the counts: counts their last 8 days of carriers once, in the background. */
  onApplicationBootstrap(): void {
    this.filling = this.fillFromCarriers().catch((error: Error) => {
      if (!this.stopping)
        this.logger.warn(`filling source item counts failed (retried at next start): ${error.message}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.filling;
  }

  private async fillFromCarriers(): Promise<void> {
    // Claimed first, so one replica fills; it counts what was carried before the claim (later
    // carriers are counted as they are recorded). Interrupted, it leaves the old hours short.
    const claimedAt = new Date();
    if (
      (await insertOnce(this.counts, { _id: FILLED_FROM_CARRIERS, hours: {}, lastItemAt: claimedAt })) === 'duplicate'
    )
      return;
    const since = new Date(claimedAt.getTime() - KEPT_HOURS * HOUR_MS);
    // Read once in full (FerretDB does not push a date range down), summed here: sources × hours.
    const bySource = new Map<string, { hours: Map<string, number>; last: Date }>();
    for await (const doc of this.model.find({}, { sourceId: 1, firstSeenAt: 1 }).lean<CarrierDocument>().cursor()) {
      if (this.stopping) return;
      if (doc.firstSeenAt < since || doc.firstSeenAt >= claimedAt) continue;
      const entry = bySource.get(doc.sourceId) ?? { hours: new Map<string, number>(), last: doc.firstSeenAt };
      const hour = hourKey(doc.firstSeenAt);
      entry.hours.set(hour, (entry.hours.get(hour) ?? 0) + 1);
      if (doc.firstSeenAt > entry.last) entry.last = doc.firstSeenAt;
      bySource.set(doc.sourceId, entry);
    }
    for (const [sourceId, { hours, last }] of bySource) {
      const inc = Object.fromEntries([...hours].map(([hour, n]) => [`hours.${hour}`, n]));
      await this.perSource.run(sourceId, () =>
        this.counts.updateOne({ _id: sourceId }, { $inc: inc, $max: { lastItemAt: last } }, { upsert: true }),
      );
    }
  }

  async record(articleId: string, source: { id: string; name?: string }, url: string, at: Date): Promise<void> {
    const carried = await insertOnce(this.model, {
      _id: `${articleId}|${source.id}`,
      articleId,
      sourceId: source.id,
      ...(source.name ? { sourceName: source.name } : {}),
      url,
      firstSeenAt: at,
    });
    // Counted once, by the writer that recorded the carrier (a crash in between undercounts by one).
    if (carried === 'inserted') await this.perSource.run(source.id, () => this.count(source.id, at));
  }

  private async count(sourceId: string, at: Date): Promise<void> {
    const hour = hourKey(at);
    await this.counts.updateOne(
      { _id: sourceId },
      { $inc: { [`hours.${hour}`]: 1 }, $max: { lastItemAt: at } },
      { upsert: true },
    );
    if (this.prunedIn.get(sourceId) === hour) return;
    this.prunedIn.set(sourceId, hour);
    const doc = await this.counts.findById(sourceId, { hours: 1 }).lean<SourceItemCountDocument>();
    const oldest = hourKey(new Date(at.getTime() - KEPT_HOURS * HOUR_MS));
    const old = Object.keys(doc?.hours ?? {}).filter((key) => key < oldest);
    if (old.length > 0)
      await this.counts.updateOne(
        { _id: sourceId },
        { $unset: Object.fromEntries(old.map((key) => [`hours.${key}`, ''])) },
      );
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
    const from = hourKey(since);
    const docs = await this.counts
      .find({ _id: trusted({ $ne: FILLED_FROM_CARRIERS }) })
      .lean<SourceItemCountDocument[]>();
    return new Map(
      docs.map((doc) => [
        doc._id,
        Object.entries(doc.hours ?? {}).reduce((sum, [hour, n]) => (hour >= from ? sum + n : sum), 0),
      ]),
    );
  }

  async lastSeenAt(sourceId: string): Promise<Date | undefined> {
    const doc = await this.counts.findById(sourceId, { lastItemAt: 1 }).lean<SourceItemCountDocument>();
    return doc?.lastItemAt;
  }
}
