import type { NaturalKey, WriteTarget } from './write-target.js';

/**
 * Sets `set` on the one document with this natural key, creating it (with `setOnInsert`) if
 * missing. Repeating it is harmless; the key must be covered by a unique index (or be `_id`).
 */
export async function upsertByNaturalKey(
  target: WriteTarget,
  key: NaturalKey,
  set: object,
  setOnInsert?: object,
): Promise<'inserted' | 'updated'> {
  const update: Record<string, object> = { $set: set };
  if (setOnInsert && Object.keys(setOnInsert).length > 0) update['$setOnInsert'] = setOnInsert;
  const result = (await target.updateOne(key, update, { upsert: true })) as { upsertedCount?: number } | undefined;
  return (result?.upsertedCount ?? 0) > 0 ? 'inserted' : 'updated';
}
