/**
 * What the idempotent write helpers need from a collection. Both a mongoose `Model` (casting,
 * validation, defaults and timestamps apply) and a native driver `Collection` fit.
 */
export interface WriteTarget {
  insertOne(doc: object): PromiseLike<unknown>;
  updateOne(filter: object, update: object, options?: { upsert?: boolean }): PromiseLike<unknown>;
  countDocuments(filter: object, options?: { limit?: number }): PromiseLike<number>;
}

/** A filter that matches one document by its natural key, e.g. `{ topic, bucketStart }`. */
export type NaturalKey = Record<string, unknown>;

/** The mongoose schema of a `Model` target; undefined for a native `Collection`. */
export function schemaOf(target: WriteTarget): { path(name: string): unknown } | undefined {
  if (typeof target !== 'function') return undefined;
  const schema = (target as { schema?: { path?: unknown } }).schema;
  return schema && typeof schema.path === 'function' ? (schema as { path(name: string): unknown }) : undefined;
}
