import mongoose, { type Connection } from 'mongoose';
import { PersistenceError } from './persistence.errors.js';

/** Where the database lives: a MongoDB connection string and the database to use. */
export interface MongoConfig {
  uri: string;
  dbName: string;
}

/** Connection tuning; everything but `appName` has a default fit for one service replica. */
export interface MongoConnectionOptions {
  /** Shown by the server in its connection logs and `currentOp`. */
  appName: string;
  /** Connections kept per replica (default 10). */
  maxPoolSize?: number;
  /** How long to look for a usable server before an operation fails, in milliseconds (default 5000). */
  serverSelectionTimeoutMs?: number;
  /** Connect timeout for one socket, in milliseconds (default 5000). */
  connectTimeoutMs?: number;
}

const DEFAULT_MAX_POOL_SIZE = 10;
const DEFAULT_SERVER_SELECTION_TIMEOUT_MS = 5_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/**
 * Opens a dedicated mongoose connection and waits until it is usable. Indexes and collections
 * are never created implicitly (`autoIndex`/`autoCreate` off): call `ensureIndexes` at startup.
 */
export async function createMongoConnection(config: MongoConfig, options: MongoConnectionOptions): Promise<Connection> {
  const connection = mongoose.createConnection(config.uri, {
    dbName: config.dbName,
    appName: options.appName,
    maxPoolSize: options.maxPoolSize ?? DEFAULT_MAX_POOL_SIZE,
    minPoolSize: 0,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? DEFAULT_SERVER_SELECTION_TIMEOUT_MS,
    connectTimeoutMS: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    autoIndex: false,
    autoCreate: false,
  });
  try {
    return await connection.asPromise();
  } catch (error) {
    await connection.close(true).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new PersistenceError(
      'persistence.connect-failed',
      `cannot connect to MongoDB at ${redactMongoUri(config.uri)} (database "${config.dbName}"): ${reason}`,
      { cause: error },
    );
  }
}

/** Replaces the password of a MongoDB connection string with `***`, for logs and errors. */
export function redactMongoUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^:@/]+):[^@/]*@/, '$1:***@');
}
