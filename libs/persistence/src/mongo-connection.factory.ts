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
 * The mongoose instance of every connection made here. `strictQuery` is an option of a mongoose
 * instance or of a schema, not of a connection, so these connections get an instance of their
 * own: `strictQuery: 'throw'` then holds for them and not for a connection made elsewhere with
 * the default instance (scripts, tests). Schemas of the default instance are cloned when a model
 * is compiled on these connections, and are not changed.
 */
const strictMongoose = new mongoose.Mongoose({ strictQuery: 'throw', createInitialConnection: false });

/**
 * Opens a dedicated mongoose connection and waits until it is usable. Indexes and collections
 * are never created implicitly (`autoIndex`/`autoCreate` off): call `ensureIndexes` at startup.
 *
 * Query filters are guarded against operator injection. `sanitizeFilter` wraps in `$eq` every
 * filter value that is an object with a `$` key, so a value such as `{ $ne: null }` taken from a
 * request is compared as a value (a cast error on a typed path, no match on a `Mixed` one); a
 * query cannot switch it off, the connection's setting wins. Operator objects the code builds are
 * marked with `trusted()`. `strictQuery: 'throw'` refuses a filter on a path the schema does not
 * declare (paths under a `Mixed` field are declared by it).
 */
export async function createMongoConnection(config: MongoConfig, options: MongoConnectionOptions): Promise<Connection> {
  const connection = strictMongoose.createConnection(config.uri, {
    dbName: config.dbName,
    appName: options.appName,
    maxPoolSize: options.maxPoolSize ?? DEFAULT_MAX_POOL_SIZE,
    minPoolSize: 0,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? DEFAULT_SERVER_SELECTION_TIMEOUT_MS,
    connectTimeoutMS: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    autoIndex: false,
    autoCreate: false,
    sanitizeFilter: true,
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
