import { PersistenceError } from '../persistence.errors.js';
import { trusted } from '../trusted.js';
import { isDuplicateKeyError } from './duplicate-key.js';
import { schemaOf, type NaturalKey, type WriteTarget } from './write-target.js';

export interface GuardedIncrement {
  /** Natural key of the counter document; must be covered by a unique index (or be `_id`). */
  key: NaturalKey;
  /** Identity of this contribution, e.g. the event id; applied at most once per document. */
  contributionId: string;
  /** Array field that remembers applied contribution ids (default `contributors`). */
  guardField?: string;
  inc: Record<string, number>;
  setOnInsert?: object;
  set?: object;
  /** Passed as `$addToSet` as it is (use `{ field: { $each: [...] } }` for several values). */
  addToSet?: object;
}

/** Attempts before a duplicate-key error that is not this contribution's is given up on. */
const MAX_ATTEMPTS = 3;

/**
 * Adds `inc` to the document with `key` once per `contributionId`, creating the document if
 * missing. A redelivered event cannot add twice because the guard `{ [guardField]: { $ne: id } }`
 * and the `$push` of the id are one atomic single-document upsert: once the id is recorded the
 * filter no longer matches, the upsert tries to insert a second document with the same unique key
 * and the server answers duplicate key, which means 'already-applied'. A duplicate key caused by
 * a concurrent first insert of the document (the id is not recorded) is retried.
 *
 * The guard array grows by one id per contribution: use it for bounded documents (per-bucket
 * counters), not for unbounded totals. With a mongoose Model the guard field must be declared in
 * the schema (strict schemas would silently drop the `$push`).
 */
export async function guardedIncrement(
  target: WriteTarget,
  spec: GuardedIncrement,
): Promise<'applied' | 'already-applied'> {
  const guardField = spec.guardField ?? 'contributors';
  assertGuardFieldDeclared(target, guardField);
  const filter = { ...spec.key, [guardField]: trusted({ $ne: spec.contributionId }) };
  const update = buildUpdate(spec, guardField);
  for (let attempt = 1; ; attempt += 1) {
    try {
      await target.updateOne(filter, update, { upsert: true });
      return 'applied';
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const recorded = await target.countDocuments({ ...spec.key, [guardField]: spec.contributionId }, { limit: 1 });
      if (recorded > 0) return 'already-applied';
      if (attempt >= MAX_ATTEMPTS) {
        throw new PersistenceError(
          'persistence.guarded-increment-conflict',
          `duplicate key while applying contribution "${spec.contributionId}" to ${JSON.stringify(spec.key)}, ` +
            `which does not record it: is the key covered by a unique index, and no other unique index violated?`,
          { cause: error },
        );
      }
    }
  }
}

function buildUpdate(spec: GuardedIncrement, guardField: string): Record<string, object> {
  const update: Record<string, object> = {
    $inc: spec.inc,
    $push: { [guardField]: spec.contributionId },
  };
  if (spec.setOnInsert && Object.keys(spec.setOnInsert).length > 0) update['$setOnInsert'] = spec.setOnInsert;
  if (spec.set && Object.keys(spec.set).length > 0) update['$set'] = spec.set;
  if (spec.addToSet && Object.keys(spec.addToSet).length > 0) update['$addToSet'] = spec.addToSet;
  return update;
}

function assertGuardFieldDeclared(target: WriteTarget, guardField: string): void {
  const schema = schemaOf(target);
  if (schema && !schema.path(guardField)) {
    throw new PersistenceError(
      'persistence.guard-field-missing',
      `guard field "${guardField}" is not declared in the model's schema; declare it as [String]`,
    );
  }
}
