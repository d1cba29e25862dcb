import type { Connection, Model } from 'mongoose';
import { PersistenceError } from './persistence.errors.js';

/** One index that the server refused because it does not implement one of its options. */
export interface SkippedIndex {
  model: string;
  fields: Record<string, unknown>;
  options: Record<string, unknown>;
  reason: string;
}

export interface EnsureIndexesOptions {
  /**
   * What to do with an index whose options the server does not implement (FerretDB v1 has no
   * TTL, partial or collation indexes): `'skip'` (default) creates every other index and reports
   * the skipped ones; `'throw'` fails with `persistence.index-unsupported`.
   */
  unsupported?: 'skip' | 'throw';
  /** Called once per skipped index, e.g. to log a warning. */
  onSkipped?: (skipped: SkippedIndex) => void;
}

export interface EnsureIndexesResult {
  /** Models whose indexes all exist now. */
  complete: string[];
  skipped: SkippedIndex[];
}

/** MongoDB's `NotImplemented`, which FerretDB answers for index options it lacks. */
const NOT_IMPLEMENTED = 238;

/** What ensureIndexes needs of a mongoose model (any schema, with or without virtuals). */
export type IndexedModel = Pick<Model<unknown>, 'db' | 'modelName' | 'createIndexes' | 'schema' | 'collection'>;

/**
 * Creates the schema-declared indexes of each model (`createIndexes()`, never dropping any).
 * The connection is only used to check that every model belongs to it.
 */
export async function ensureIndexes(
  connection: Connection,
  models: readonly IndexedModel[],
  options: EnsureIndexesOptions = {},
): Promise<EnsureIndexesResult> {
  const result: EnsureIndexesResult = { complete: [], skipped: [] };
  for (const model of models) {
    if (model.db !== connection) {
      throw new PersistenceError(
        'persistence.index-failed',
        `model "${model.modelName}" belongs to another connection`,
      );
    }
    try {
      await model.createIndexes();
      result.complete.push(model.modelName);
    } catch (error) {
      if (!isNotImplemented(error)) throw indexFailed(model, error);
      const skipped = await createOneByOne(model, options);
      result.skipped.push(...skipped);
      if (skipped.length === 0) result.complete.push(model.modelName);
    }
  }
  return result;
}

/** Retries index by index so that the supported indexes still get created. */
async function createOneByOne(model: IndexedModel, options: EnsureIndexesOptions): Promise<SkippedIndex[]> {
  const skipped: SkippedIndex[] = [];
  for (const [fields, indexOptions] of model.schema.indexes()) {
    try {
      await model.collection.createIndex(fields as Record<string, 1>, indexOptions as Record<string, unknown>);
    } catch (error) {
      if (!isNotImplemented(error)) throw indexFailed(model, error);
      const entry: SkippedIndex = {
        model: model.modelName,
        fields: { ...fields },
        options: { ...(indexOptions as Record<string, unknown>) },
        reason: errorMessage(error),
      };
      if (options.unsupported === 'throw') {
        throw new PersistenceError(
          'persistence.index-unsupported',
          `index ${JSON.stringify(entry.fields)} of model "${entry.model}" uses an option this server does not implement ` +
            `(FerretDB v1 lacks TTL, partial and collation indexes): ${entry.reason}`,
          { cause: error },
        );
      }
      options.onSkipped?.(entry);
      skipped.push(entry);
    }
  }
  return skipped;
}

function isNotImplemented(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === NOT_IMPLEMENTED;
}

function indexFailed(model: IndexedModel, error: unknown): PersistenceError {
  return new PersistenceError(
    'persistence.index-failed',
    `cannot create the indexes of model "${model.modelName}" (collection "${model.collection.collectionName}"): ${errorMessage(error)}`,
    { cause: error },
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
