import type { BucketFirsts } from '../application/bucket.repository.js';
import { encodeFieldName } from './buckets.js';
import type { BucketContribution } from './contributions.js';

/**
 * The `$inc` of one contribution to its bucket document: counters, tone sums, the source and
 * entity maps, and on a day document the same counters of the article's hour (`hours.<HH>.…`).
 * Stories and publishers count only where the article claimed the marker (`firsts`).
 */
export function bucketIncrements(c: BucketContribution, firsts: BucketFirsts): Record<string, number> {
  const inc: Record<string, number> = {};
  const counters = (prefix: string, story: boolean, publisher: boolean) => {
    inc[`${prefix}articles`] = 1;
    inc[`${prefix}toneSum`] = c.tone.score;
    inc[`${prefix}toneCount`] = 1;
    inc[`${prefix}${c.tone.label}`] = 1;
    if (story) inc[`${prefix}stories`] = 1;
    if (publisher) inc[`${prefix}publishers`] = 1;
    if (c.countSource) inc[`${prefix}sources.${encodeFieldName(c.sourceId)}`] = 1;
  };
  counters('', firsts.story, firsts.publisher);
  for (const entityId of c.entityIds) inc[`entities.${encodeFieldName(entityId)}`] = 1;
  if (c.hour) counters(`hours.${c.hour.slot}.`, firsts.hourStory ?? false, firsts.hourPublisher ?? false);
  return inc;
}
