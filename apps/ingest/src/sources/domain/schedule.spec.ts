import { describe, expect, it } from '@jest/globals';
import { backoffAfterFailure, nextInterval, withJitter } from './schedule.js';

const bounds = { minMs: 60_000, maxMs: 3_600_000 };
const now = new Date('2026-11-25T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

describe('adaptive schedule', () => {
  it('follows the publication rhythm of the items: half the mean gap', () => {
    // One item every 20 minutes over the last 100 minutes: fetch every 10 minutes.
    const dates = [0, 20, 40, 60, 80].map(minutesAgo);
    expect(nextInterval(900_000, { newItems: 1, itemDates: dates }, bounds, now)).toBe(10 * 60_000);
  });

  it('slows down for a source that publishes rarely, within the bounds', () => {
    const dates = [60 * 24, 60 * 48, 60 * 72].map(minutesAgo);
    expect(nextInterval(900_000, { newItems: 0, itemDates: dates }, bounds, now)).toBe(bounds.maxMs);
    const burst = [0, 1, 2, 3].map(minutesAgo);
    expect(nextInterval(900_000, { newItems: 4, itemDates: burst }, bounds, now)).toBe(bounds.minMs);
  });

  it('halves on news and grows by half on silence when items carry no dates', () => {
    expect(nextInterval(600_000, { newItems: 2, itemDates: [] }, bounds, now)).toBe(300_000);
    expect(nextInterval(600_000, { newItems: 0, itemDates: [] }, bounds, now)).toBe(900_000);
  });

  it('backs off exponentially after failures and honours Retry-After', () => {
    expect([1, 2, 3, 4].map((f) => backoffAfterFailure(f, bounds))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(backoffAfterFailure(30, bounds)).toBe(bounds.maxMs);
    expect(backoffAfterFailure(1, bounds, 7_200_000)).toBe(7_200_000);
  });

  it('jitters by at most ten per cent, the same way for the same seed', () => {
    const values = ['a', 'b', 'c', 'd', 'e'].map((s) => withJitter(100_000, s));
    expect(values.every((v) => v >= 90_000 && v <= 110_000)).toBe(true);
    expect(withJitter(100_000, 'a')).toBe(values[0]);
  });
});
