import { isDuplicateKeyError } from './duplicate-key.js';
import type { WriteTarget } from './write-target.js';

/** Inserts `doc` unless a unique index (e.g. `_id`) says it exists already; never overwrites. */
export async function insertOnce(target: WriteTarget, doc: object): Promise<'inserted' | 'duplicate'> {
  try {
    await target.insertOne(doc);
    return 'inserted';
  } catch (error) {
    if (isDuplicateKeyError(error)) return 'duplicate';
    throw error;
  }
}

/** What `insertEachOnce` needs from a collection: a native driver `Collection` fits. */
export interface BulkInsertTarget {
  /** Typed loosely (`never[]`) so that a collection of any document type fits. */
  insertMany(docs: never[], options: { ordered: false }): PromiseLike<unknown>;
}

const DUPLICATE_CODES = new Set([11000, 11001]);

/**
 * Inserts every document not yet stored in one round trip (an unordered `insertMany`) and returns
 * the indices of those a unique index refused (stored already, by this or another writer). Any
 * other write error is thrown. For many small "first writer wins" claims, e.g. the LSH band keys
 * of one article.
 */
export async function insertEachOnce(target: BulkInsertTarget, docs: readonly object[]): Promise<number[]> {
  if (docs.length === 0) return [];
  try {
    await target.insertMany([...docs] as never[], { ordered: false });
    return [];
  } catch (error) {
    const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
    const list = (Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : []) as Array<{
      index?: unknown;
      code?: unknown;
    }>;
    if (list.length === 0 || list.some((e) => !DUPLICATE_CODES.has(e.code as number) || typeof e.index !== 'number'))
      throw error;
    return list.map((e) => e.index as number).sort((a, b) => a - b);
  }
}
