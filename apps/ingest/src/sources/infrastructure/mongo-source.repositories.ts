import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model, Schema } from 'mongoose';
import type { SourceInputV1 } from '@media-monitor/contracts';
import { MONGO_CONNECTION, insertOnce, trusted } from '@media-monitor/persistence';
import type { FetchOutcome, FetchRun, Source, SourceState } from '../domain/source.js';
import type {
  FetchRunRepository,
  FetchRunStats,
  SourceRepository,
  SourceStateRepository,
} from '../application/source.repository.js';
import {
  FETCH_CLAIM_MODEL,
  FETCH_RUN_MODEL,
  SOURCE_MODEL,
  SOURCE_STATE_MODEL,
  fetchClaimSchema,
  fetchRunSchema,
  sourceSchema,
  sourceStateSchema,
  type FetchClaimDocument,
  type FetchRunDocument,
  type SourceDocument,
  type SourceStateDocument,
} from './source.schemas.js';

function modelOf<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
}

function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}

function toSource(doc: SourceDocument): Source {
  const { _id, ...rest } = doc;
  return clean({ ...rest, sourceId: _id }) as Source;
}

function definition(input: SourceInputV1): Omit<SourceDocument, '_id' | 'origin' | 'createdAt' | 'updatedAt'> {
  const { sourceId: _id, ...rest } = input;
  return clean(rest);
}

/** The fields a config-file entry and a stored source are compared on. */
const comparable = (doc: Omit<SourceDocument, '_id' | 'origin' | 'createdAt' | 'updatedAt'>) =>
  JSON.stringify(Object.entries(clean(doc)).sort(([a], [b]) => a.localeCompare(b)));

@Injectable()
export class MongoSourceRepository implements SourceRepository {
  private readonly model: Model<SourceDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = modelOf(connection, SOURCE_MODEL, sourceSchema);
  }

  async list(): Promise<Source[]> {
    return (await this.model.find().sort({ _id: 1 }).lean<SourceDocument[]>()).map(toSource);
  }

  async get(sourceId: string): Promise<Source | null> {
    const doc = await this.model.findById(sourceId).lean<SourceDocument>();
    return doc ? toSource(doc) : null;
  }

  async save(input: SourceInputV1, now: Date): Promise<{ source: Source; created: boolean }> {
    const fields = definition(input);
    const inserted = await insertOnce(this.model, {
      _id: input.sourceId,
      ...fields,
      origin: 'api',
      createdAt: now,
      updatedAt: now,
    });
    if (inserted === 'duplicate') {
      const existing = await this.model.findById(input.sourceId).lean<SourceDocument>();
      await this.model.replaceOne(
        { _id: input.sourceId },
        { ...fields, origin: 'api', createdAt: existing?.createdAt ?? now, updatedAt: now },
      );
    }
    return { source: (await this.get(input.sourceId))!, created: inserted === 'inserted' };
  }

  async saveFromConfig(input: SourceInputV1, now: Date): Promise<'created' | 'updated' | 'unchanged' | 'kept-api'> {
    const fields = definition(input);
    const inserted = await insertOnce(this.model, {
      _id: input.sourceId,
      ...fields,
      origin: 'config',
      createdAt: now,
      updatedAt: now,
    });
    if (inserted === 'inserted') return 'created';
    const existing = await this.model.findById(input.sourceId).lean<SourceDocument>();
    if (!existing) return 'unchanged';
    if (existing.origin === 'api') return 'kept-api';
    const { _id, origin: _o, createdAt, updatedAt: _u, ...stored } = existing;
    if (comparable(stored) === comparable(fields)) return 'unchanged';
    await this.model.replaceOne({ _id, origin: 'config' }, { ...fields, origin: 'config', createdAt, updatedAt: now });
    return 'updated';
  }

  async delete(sourceId: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: sourceId })).deletedCount === 1;
  }
}

function toState(doc: SourceStateDocument): SourceState {
  const { _id, lastOutcome, ...rest } = doc;
  return clean({ ...rest, sourceId: _id, ...(lastOutcome ? { lastOutcome: lastOutcome as FetchOutcome } : {}) });
}

@Injectable()
export class MongoSourceStateRepository implements SourceStateRepository {
  private readonly model: Model<SourceStateDocument>;
  private readonly claims: Model<FetchClaimDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = modelOf(connection, SOURCE_STATE_MODEL, sourceStateSchema);
    this.claims = modelOf(connection, FETCH_CLAIM_MODEL, fetchClaimSchema);
  }

  async get(sourceId: string): Promise<SourceState | null> {
    const doc = await this.model.findById(sourceId).lean<SourceStateDocument>();
    return doc ? toState(doc) : null;
  }

  async all(): Promise<Map<string, SourceState>> {
    const docs = await this.model.find().lean<SourceStateDocument[]>();
    return new Map(docs.map((doc) => [doc._id, toState(doc)]));
  }

  async ensure(sourceId: string, nextFetchAt: Date, intervalMs: number): Promise<void> {
    await insertOnce(this.model, { _id: sourceId, nextFetchAt, intervalMs, consecutiveFailures: 0 });
  }

  async save(state: SourceState): Promise<void> {
    const { sourceId, ...rest } = state;
    await this.model.replaceOne({ _id: sourceId }, clean(rest), { upsert: true });
  }

  async scheduleNow(sourceId: string, now: Date): Promise<void> {
    await this.model.updateOne({ _id: sourceId }, { $set: { nextFetchAt: now } });
  }

  async due(now: Date, limit: number): Promise<SourceState[]> {
    const docs = await this.model
      .find({ nextFetchAt: trusted({ $lte: now }) })
      .sort({ nextFetchAt: 1 })
      .limit(limit)
      .lean<SourceStateDocument[]>();
    return docs.map(toState);
  }

  async delete(sourceId: string): Promise<void> {
    await this.model.deleteOne({ _id: sourceId });
  }

  async claim(slotKey: string, owner: string, now: Date): Promise<boolean> {
    return (await insertOnce(this.claims, { _id: slotKey, owner, claimedAt: now })) === 'inserted';
  }

  async pruneClaims(olderThan: Date): Promise<number> {
    return (await this.claims.deleteMany({ claimedAt: trusted({ $lt: olderThan }) })).deletedCount;
  }
}

@Injectable()
export class MongoFetchRunRepository implements FetchRunRepository {
  private readonly model: Model<FetchRunDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = modelOf(connection, FETCH_RUN_MODEL, fetchRunSchema);
  }

  async record(run: FetchRun): Promise<void> {
    await this.model.create({
      _id: `${run.sourceId}:${run.startedAt.getTime()}:${randomUUID().slice(0, 8)}`,
      ...clean(run),
    });
  }

  async recent(sourceId: string, limit: number): Promise<FetchRun[]> {
    const docs = await this.model.find({ sourceId }).sort({ startedAt: -1 }).limit(limit).lean<FetchRunDocument[]>();
    return docs.map(({ _id, outcome, ...rest }) => clean({ ...rest, outcome: outcome as FetchOutcome }));
  }

  async statsSince(since: Date): Promise<Map<string, FetchRunStats>> {
    const rows = await this.model.aggregate<{ _id: { sourceId: string; outcome: string }; n: number }>([
      { $match: { startedAt: { $gte: since } } },
      { $group: { _id: { sourceId: '$sourceId', outcome: '$outcome' }, n: { $sum: 1 } } },
    ]);
    const stats = new Map<string, FetchRunStats>();
    for (const row of rows) {
      const entry = stats.get(row._id.sourceId) ?? { fetches: 0, errors: 0 };
      entry.fetches += row.n;
      if (row._id.outcome === 'error') entry.errors += row.n;
      stats.set(row._id.sourceId, entry);
    }
    return stats;
  }

  async prune(olderThan: Date): Promise<number> {
    return (await this.model.deleteMany({ startedAt: trusted({ $lt: olderThan }) })).deletedCount;
  }
}
