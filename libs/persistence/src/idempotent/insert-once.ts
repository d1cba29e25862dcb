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
