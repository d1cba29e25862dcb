import mongoose, { type Connection, type Model } from 'mongoose';
import { insertOnce } from '@media-monitor/persistence';
import type { ApiScope } from './api-key.js';

/** A stored key: its hash, never the key. */
export interface ApiKeyRecord {
  _id: string;
  name: string;
  hash: string;
  scopes: ApiScope[];
  createdAt: Date;
  revokedAt: Date | null;
}

const API_KEY_MODEL = 'ApiKey';
const apiKeySchema = new mongoose.Schema<ApiKeyRecord>(
  {
    _id: String,
    name: { type: String, required: true },
    hash: { type: String, required: true },
    scopes: { type: [String], required: true },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'api_keys', versionKey: false },
);

/** The key store: collection `api_keys` of the database it is given (the gateway's). */
export class ApiKeyRepository {
  private readonly model: Model<ApiKeyRecord>;

  constructor(connection: Connection) {
    this.model = connection.models[API_KEY_MODEL] ?? connection.model<ApiKeyRecord>(API_KEY_MODEL, apiKeySchema);
  }

  /** Stores a key unless one with its id exists (a bootstrap key stored by an earlier start). */
  async insert(record: ApiKeyRecord): Promise<'inserted' | 'exists'> {
    return (await insertOnce(this.model, record)) === 'inserted' ? 'inserted' : 'exists';
  }

  findActive(id: string): Promise<ApiKeyRecord | null> {
    return this.model.findOne({ _id: id, revokedAt: null }).lean<ApiKeyRecord>().exec();
  }

  list(): Promise<ApiKeyRecord[]> {
    return this.model.find({}).sort({ createdAt: 1 }).lean<ApiKeyRecord[]>().exec();
  }

  async revoke(id: string, at: Date): Promise<boolean> {
    const result = await this.model.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: at } });
    return result.modifiedCount > 0;
  }
}
