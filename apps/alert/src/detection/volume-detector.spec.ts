import { describe, expect, it } from '@jest/globals';
import { DAY_HOURS, emptyHour, type HourlySeries } from './hourly-series.js';
import { detectVolumeChange, weekdayProfile, type VolumeRuleSettings } from './volume-detector.js';
import { SYNTHETIC_START_MS } from './quality/synthetic-series.js';

/** A series with `perDay(day, weekday)` articles every hour. */
function flat(days: number, perHour: (day: number, weekday: number) => number): HourlySeries {
  const hours = Array.from({ length: days * DAY_HOURS }, (_, i) => {
    const day = Math.floor(i / DAY_HOURS);
    return { ...emptyHour(), articles: perHour(day, new Date(SYNTHETIC_START_MS + day * 86_400_000).getUTCDay()) };
  });
  return { startMs: SYNTHETIC_START_MS, hours };
}

const daily: VolumeRuleSettings = {
  windowHours: 24,
  direction: 'both',
  sensitivity: 'medium',
  lookbackDays: 14,
  warmupDays: 7,
  minArticles: 5,
};

describe('detectVolumeChange', () => {
  it('stays quiet on a steady series and flags a tripled day as a spike with its statistic', () => {
    const series = flat(22, (day) => (day === 21 ? 6 : 2));
    const steady = detectVolumeChange(series, 21 * DAY_HOURS, daily);
    expect(steady.status).toBe('quiet');
    const outcome = detectVolumeChange(series, 22 * DAY_HOURS, daily);
    expect(outcome).toMatchObject({
      status: 'alert',
      statistic: { kind: 'spike', observed: 144, expected: 48, baselineWindows: 14 },
    });
  });

  it('flags a drop and ignores it when the rule watches spikes only', () => {
    const series = flat(22, (day) => (day === 21 ? 0.5 : 4));
    expect(detectVolumeChange(series, 22 * DAY_HOURS, daily)).toMatchObject({ statistic: { kind: 'drop' } });
    expect(detectVolumeChange(series, 22 * DAY_HOURS, { ...daily, direction: 'spike' }).status).toBe('quiet');
  });

  it('expects quiet weekends: a normal Saturday is no drop, a weekday-volume Saturday is a spike', () => {
    const weekend = (weekday: number) => weekday === 0 || weekday === 6;
    const normal = flat(27, (_day, weekday) => (weekend(weekday) ? 1 : 4));
    // Day 26 of a series starting on a Monday is a Saturday.
    expect(new Date(SYNTHETIC_START_MS + 26 * 86_400_000).getUTCDay()).toBe(6);
    expect(detectVolumeChange(normal, 27 * DAY_HOURS, daily).status).toBe('quiet');
    const busy = flat(27, (day, weekday) => (day === 26 ? 4 : weekend(weekday) ? 1 : 4));
    expect(detectVolumeChange(busy, 27 * DAY_HOURS, daily)).toMatchObject({ statistic: { kind: 'spike' } });
  });

  it('waits for the warm-up and needs a minimum count for spikes', () => {
    const young = flat(5, (day) => (day === 4 ? 10 : 1));
    expect(detectVolumeChange(young, 5 * DAY_HOURS, daily)).toMatchObject({ status: 'warming-up' });
    const sparse: HourlySeries = flat(20, (day) => (day === 0 ? 1 : 0));
    sparse.hours[sparse.hours.length - 1]!.articles = 3;
    const hourly = { ...daily, windowHours: 1, minArticles: 5 };
    expect(detectVolumeChange(sparse, sparse.hours.length, hourly).status).toBe('quiet');
    sparse.hours[sparse.hours.length - 1]!.articles = 6;
    expect(detectVolumeChange(sparse, sparse.hours.length, hourly)).toMatchObject({ statistic: { kind: 'spike' } });
  });

  it('orders sensitivities: what low flags, medium and high flag too', () => {
    const series = flat(22, (day) => (day === 21 ? 3.2 : 2));
    const kinds = (['low', 'medium', 'high'] as const).map(
      (sensitivity) => detectVolumeChange(series, 22 * DAY_HOURS, { ...daily, sensitivity }).status,
    );
    expect(kinds).toEqual(['quiet', 'alert', 'alert']);
  });

  it('shrinks weekday factors toward 1 and gives 1 to an empty history', () => {
    const profile = weekdayProfile(
      flat(14, (_d, w) => (w === 6 ? 0 : 2)),
      0,
      14 * DAY_HOURS,
    );
    expect(profile[6]).toBeGreaterThan(0);
    expect(profile[6]).toBeLessThan(0.5);
    expect(
      weekdayProfile(
        flat(14, () => 0),
        0,
        14 * DAY_HOURS,
      ),
    ).toEqual(new Array(7).fill(1));
  });
});
