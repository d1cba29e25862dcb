import { describe, expect, it } from '@jest/globals';
import { MAX_POINTS, checkTimeZone, groupByBucket, localStart, planBuckets } from './bucket-plan.js';

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('planBuckets', () => {
  it('reads stored hours for hourly points, aligned to the hour', () => {
    const plan = planBuckets('hour', at('2026-11-25T09:30:00Z'), at('2026-11-25T12:00:00Z'), 'Europe/Moscow');
    expect(plan.readInterval).toBe('hour');
    expect(plan.buckets.map((b) => iso(b.start))).toEqual([
      '2026-11-25T09:00:00.000Z',
      '2026-11-25T10:00:00.000Z',
      '2026-11-25T11:00:00.000Z',
    ]);
  });

  it('uses stored UTC days for daily points in UTC', () => {
    const plan = planBuckets('day', at('2026-11-25T00:00:00Z'), at('2026-11-27T00:00:00Z'), 'UTC');
    expect(plan.readInterval).toBe('day');
    expect(plan.buckets).toHaveLength(2);
  });

  it('builds local days from hours in another zone, 23 and 25 hours long across daylight saving', () => {
    const spring = planBuckets('day', at('2026-03-28T12:00:00Z'), at('2026-03-30T12:00:00Z'), 'Europe/Berlin');
    expect(spring.readInterval).toBe('hour');
    expect(spring.buckets.map((b) => [iso(b.start), (b.end.getTime() - b.start.getTime()) / 3_600_000])).toEqual([
      ['2026-03-27T23:00:00.000Z', 24],
      ['2026-03-28T23:00:00.000Z', 23],
      ['2026-03-29T22:00:00.000Z', 24],
    ]);
    const autumn = planBuckets('day', at('2026-10-25T00:00:00Z'), at('2026-10-25T12:00:00Z'), 'Europe/Berlin');
    expect(autumn.buckets.map((b) => (b.end.getTime() - b.start.getTime()) / 3_600_000)).toEqual([25]);
  });

  it('refuses empty, reversed and oversized ranges', () => {
    const t = at('2026-11-25T00:00:00Z');
    expect(() => planBuckets('hour', t, t, 'UTC')).toThrow(/before/);
    expect(() => planBuckets('minute', t, new Date(t.getTime() + (MAX_POINTS + 1) * 60_000), 'UTC')).toThrow(/at most/);
    expect(() => planBuckets('day', t, new Date(t.getTime() + 500 * 86_400_000), 'Asia/Tokyo')).toThrow(/at most/);
  });
});

describe('time zones', () => {
  it('accepts IANA names and rejects others with a clear code', () => {
    expect(checkTimeZone('Europe/Kaliningrad')).toBe('Europe/Kaliningrad');
    expect(() => checkTimeZone('Mars/Olympus')).toThrow(expect.objectContaining({ code: 'trends.invalid_time_zone' }));
  });

  it('labels a bucket with its local time and offset', () => {
    expect(localStart(at('2026-11-25T10:00:00Z'), 'Europe/Moscow')).toBe('2026-11-25T13:00:00+03:00');
    expect(localStart(at('2026-11-25T10:00:00Z'), 'Asia/Kolkata')).toBe('2026-11-25T15:30:00+05:30');
    expect(localStart(at('2026-11-25T10:00:00Z'), 'UTC')).toBe('2026-11-25T10:00:00Z');
  });
});

describe('groupByBucket', () => {
  it('puts each row into the bucket containing it and drops rows outside', () => {
    const buckets = [
      { start: at('2026-11-25T00:00:00Z'), end: at('2026-11-25T02:00:00Z') },
      { start: at('2026-11-25T02:00:00Z'), end: at('2026-11-25T04:00:00Z') },
    ];
    const rows = [
      '2026-11-24T23:00:00Z',
      '2026-11-25T00:00:00Z',
      '2026-11-25T01:00:00Z',
      '2026-11-25T03:00:00Z',
      '2026-11-25T04:00:00Z',
    ].map((t) => ({ bucketStart: at(t) }));
    expect(groupByBucket(rows, buckets).map((g) => g.map((r) => r.bucketStart.getUTCHours()))).toEqual([[0, 1], [3]]);
  });
});
