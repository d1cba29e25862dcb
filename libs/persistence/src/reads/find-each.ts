import type { Model } from 'mongoose';

/** Most single-document reads one call keeps in flight. */
const PARALLEL = 16;

async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i] as T);
      }
    }),
  );
  return results;
}

/**
 * The documents with these `_id`s, as one equality read each (at most 16 in flight), in the order
 * of `ids`, missing ones left out. On MongoDB `{ _id: { $in } }` is as good; FerretDB v1.24 does
 * not push `$in` down and scans the whole collection, while an `_id` equality uses an index
 * (ADR 0008), so reads by a bounded list of keys go through here.
 */
export async function findEachById<T>(
  model: Model<T>,
  ids: readonly string[],
  projection?: Record<string, 0 | 1>,
): Promise<T[]> {
  const unique = [...new Set(ids)];
  const docs = await mapBounded(
    unique,
    PARALLEL,
    (id) => model.findOne({ _id: id }, projection).lean<T>().exec() as Promise<T | null>,
  );
  return docs.filter((doc): doc is NonNullable<typeof doc> => doc !== null) as T[];
}

/**
 * The documents whose `field` equals (or, for an array field, contains) any of `values`: one
 * equality read per value (FerretDB pushes equality down to an index, not `$in`), merged by `_id`
 * in the order of `values`, at most `limit` documents; `extra` filters each read further (mark an
 * operator object in it with `trusted()`, e.g. `{ _id: trusted({ $ne: id }) }`).
 */
export async function findEachByValue<T extends { _id: unknown }>(
  model: Model<T>,
  field: string,
  values: readonly string[],
  options: { extra?: Record<string, unknown>; projection?: Record<string, 0 | 1>; limit?: number } = {},
): Promise<T[]> {
  const limit = options.limit ?? Infinity;
  const perValue = await mapBounded([...new Set(values)], PARALLEL, (value) => {
    const query = model.find({ [field]: value, ...options.extra } as never, options.projection);
    return (Number.isFinite(limit) ? query.limit(limit) : query).lean<T[]>().exec() as Promise<T[]>;
  });
  const merged = new Map<string, T>();
  for (const docs of perValue) {
    for (const doc of docs) {
      if (merged.size >= limit) break;
      merged.set(String(doc._id), doc);
    }
  }
  return [...merged.values()];
}
