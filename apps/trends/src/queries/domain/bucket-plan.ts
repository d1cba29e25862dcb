import { TZDate } from '@date-fns/tz';
import { addDays, format, startOfDay } from 'date-fns';
import type { TrendInterval } from '@media-monitor/contracts';
import { PermanentError } from '@media-monitor/messaging';
import { INTERVAL_MS, bucketStart, bucketStarts } from '../../aggregation/domain/buckets.js';

/** A request the trends service cannot answer as asked (a 400 at the gateway). */
export class TrendRequestError extends PermanentError {
  constructor(
    code: 'trends.invalid_range' | 'trends.invalid_time_zone' | 'trends.interval_unavailable',
    message: string,
  ) {
    super(code, message);
  }
}

/** One point of an answer: the buckets stored in [start, end) are added up into it. */
export interface OutputBucket {
  start: Date;
  end: Date;
}

/** Which stored buckets to read, and how they group into the answer's points. */
export interface BucketPlan {
  readInterval: TrendInterval;
  buckets: OutputBucket[];
}

/** Most points one answer may hold, and most stored buckets it may add up. */
export const MAX_POINTS = 3_000;
const MAX_ROWS = 10_000;

/** The zone itself, or a `trends.invalid_time_zone` error naming it. */
export function checkTimeZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new TrendRequestError(
      'trends.invalid_time_zone',
      `unknown time zone "${timeZone}" (use an IANA name such as Europe/Moscow)`,
    );
  }
}

/** The instant in the zone with its offset, e.g. `2026-11-25T13:00:00+03:00`. */
export function localStart(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), "yyyy-MM-dd'T'HH:mm:ssXXX");
}

function isUtcLike(timeZone: string): boolean {
  return timeZone === 'UTC' || timeZone === 'Etc/UTC' || timeZone === 'Etc/GMT' || timeZone === 'GMT';
}

/**
 * Buckets are stored per UTC minute, hour and day. Minutes and hours are the same in every zone
 * with a whole-hour offset (a half-hour zone sees them at :30); a day in another zone runs from
 * its local midnight to the next (23 or 25 hours across daylight-saving changes), so it is the
 * sum of the stored hours it covers.
 */
export function planBuckets(interval: TrendInterval, from: Date, to: Date, timeZone: string): BucketPlan {
  if (!(from.getTime() < to.getTime()))
    throw new TrendRequestError('trends.invalid_range', '"from" must be before "to"');
  if (interval !== 'day' || isUtcLike(timeZone)) {
    const count = Math.ceil((to.getTime() - bucketStart(interval, from).getTime()) / INTERVAL_MS[interval]);
    if (count > MAX_POINTS) {
      throw new TrendRequestError('trends.invalid_range', `at most ${MAX_POINTS} points per request (asked ${count})`);
    }
    const width = INTERVAL_MS[interval];
    return {
      readInterval: interval,
      buckets: bucketStarts(interval, from, to).map((start) => ({ start, end: new Date(start.getTime() + width) })),
    };
  }
  const hours = (to.getTime() - from.getTime()) / INTERVAL_MS.hour;
  if (hours > MAX_ROWS) {
    throw new TrendRequestError(
      'trends.invalid_range',
      `daily points in a time zone other than UTC cover at most ${Math.floor(MAX_ROWS / 24)} days`,
    );
  }
  const buckets: OutputBucket[] = [];
  for (let day = startOfDay(new TZDate(from.getTime(), timeZone)); day.getTime() < to.getTime();) {
    const next = addDays(day, 1);
    buckets.push({ start: new Date(day.getTime()), end: new Date(next.getTime()) });
    day = next;
  }
  return { readInterval: 'hour', buckets };
}

/**
 * Assigns each stored row (sorted by start) to the output bucket that contains it; rows outside
 * every bucket are dropped.
 */
export function groupByBucket<R extends { bucketStart: Date }>(
  rows: readonly R[],
  buckets: readonly OutputBucket[],
): R[][] {
  const groups: R[][] = buckets.map(() => []);
  let b = 0;
  for (const row of rows) {
    const t = row.bucketStart.getTime();
    while (b < buckets.length && t >= (buckets[b]?.end.getTime() ?? 0)) b += 1;
    const bucket = buckets[b];
    if (!bucket) break;
    if (t >= bucket.start.getTime()) groups[b]?.push(row);
  }
  return groups;
}
