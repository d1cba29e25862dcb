import { Inject, Injectable } from '@nestjs/common';
import mongoose, { type Connection, type Model } from 'mongoose';
import { aliasKey } from '@media-monitor/nlp';
import { MONGO_CONNECTION, insertOnce, trusted } from '@media-monitor/persistence';
import type { EntityRegistryRepository, RegistrySearch } from '../application/entity-registry.repository.js';
import { searchForm, searchTerms, type RegistryEntity } from '../domain/registry-entity.js';

interface EntityDocument extends Omit<RegistryEntity, 'entityId'> {
  _id: string;
  /** What `search` matches: lower-cased spellings and their inflection-free keys. */
  searchTerms: string[];
}

/** One claimed alias key: `<TYPE>|<alias key>`, held by one entity. */
interface AliasKeyDocument {
  _id: string;
  entityId: string;
}

interface SeedDocument {
  _id: string;
  seededAt: Date;
}

const ENTITY_MODEL = 'RegistryEntity';
const KEY_MODEL = 'RegistryAliasKey';
const SEED_MODEL = 'RegistrySeed';

const entitySchema = new mongoose.Schema<EntityDocument>(
  {
    _id: String,
    type: { type: String, required: true },
    name: { type: String, required: true },
    description: String,
    aliases: mongoose.Schema.Types.Mixed,
    origin: String,
    createdAt: Date,
    updatedAt: Date,
    searchTerms: [String],
  },
  { collection: 'entities', versionKey: false },
);
entitySchema.index({ type: 1, _id: 1 });
const keySchema = new mongoose.Schema<AliasKeyDocument>(
  { _id: String, entityId: { type: String, required: true } },
  { collection: 'entity_alias_keys', versionKey: false },
);
keySchema.index({ entityId: 1 });
const seedSchema = new mongoose.Schema<SeedDocument>(
  { _id: String, seededAt: Date },
  { collection: 'entity_seeds', versionKey: false },
);

const toEntity = ({ _id, searchTerms: _terms, ...rest }: EntityDocument): RegistryEntity => ({
  ...rest,
  entityId: _id,
  aliases: rest.aliases ?? [],
});

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

@Injectable()
export class MongoEntityRegistryRepository implements EntityRegistryRepository {
  private readonly entities: Model<EntityDocument>;
  private readonly keys: Model<AliasKeyDocument>;
  private readonly seeds: Model<SeedDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.entities = connection.models[ENTITY_MODEL] ?? connection.model<EntityDocument>(ENTITY_MODEL, entitySchema);
    this.keys = connection.models[KEY_MODEL] ?? connection.model<AliasKeyDocument>(KEY_MODEL, keySchema);
    this.seeds = connection.models[SEED_MODEL] ?? connection.model<SeedDocument>(SEED_MODEL, seedSchema);
  }

  async get(entityId: string): Promise<RegistryEntity | null> {
    const doc = await this.entities.findById(entityId).lean<EntityDocument>();
    return doc ? toEntity(doc) : null;
  }

  async all(): Promise<RegistryEntity[]> {
    return (await this.entities.find({}).sort({ _id: 1 }).lean<EntityDocument[]>()).map(toEntity);
  }

  async search({ q, type, limit, after }: RegistrySearch): Promise<RegistryEntity[]> {
    const filter: mongoose.QueryFilter<EntityDocument> = {};
    if (type) filter.type = type;
    if (after) filter._id = trusted({ $gt: after });
    if (q) {
      // A word of a spelling starts with the query, as written or without its inflection.
      const prefixes = [...new Set([searchForm(q), aliasKey(q)].filter(Boolean))];
      filter.$or = prefixes.map((p) => ({ searchTerms: trusted({ $regex: `(?:^| )${escapeRegex(p)}` }) }));
    }
    const docs = await this.entities.find(filter).sort({ _id: 1 }).limit(limit).lean<EntityDocument[]>();
    return docs.map(toEntity);
  }

  async save(entity: RegistryEntity): Promise<void> {
    const { entityId, ...rest } = entity;
    await this.entities.replaceOne({ _id: entityId }, { ...rest, searchTerms: searchTerms(entity) }, { upsert: true });
  }

  async delete(entityId: string): Promise<boolean> {
    return (await this.entities.deleteOne({ _id: entityId })).deletedCount === 1;
  }

  async claimKey(key: string, entityId: string): Promise<{ owner: string; claimed: boolean }> {
    if ((await insertOnce(this.keys, { _id: key, entityId })) === 'inserted') return { owner: entityId, claimed: true };
    const held = await this.keys.findById(key).lean<AliasKeyDocument>();
    if (held) return { owner: held.entityId, claimed: false };
    // Released between the two calls: try once more.
    const again = await insertOnce(this.keys, { _id: key, entityId });
    return again === 'inserted' ? { owner: entityId, claimed: true } : this.claimKey(key, entityId);
  }

  async reassignKey(key: string, from: string, to: string): Promise<void> {
    await this.keys.updateOne({ _id: key, entityId: from }, { $set: { entityId: to } });
  }

  async keysOf(entityId: string): Promise<string[]> {
    return (await this.keys.find({ entityId }).lean<AliasKeyDocument[]>()).map((doc) => doc._id);
  }

  async releaseKeys(entityId: string, keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await this.keys.deleteMany({ _id: trusted({ $in: [...keys] }), entityId });
  }

  async seeded(): Promise<Set<string>> {
    return new Set((await this.seeds.find({}).lean<SeedDocument[]>()).map((doc) => doc._id));
  }

  async markSeeded(entityId: string): Promise<void> {
    await insertOnce(this.seeds, { _id: entityId, seededAt: new Date() });
  }
}
