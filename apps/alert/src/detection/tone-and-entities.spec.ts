import { describe, expect, it } from '@jest/globals';
import { inCooldown } from './cooldown.js';
import { DAY_HOURS, HOUR_MS, type HourlySeries } from './hourly-series.js';
import { detectNewEntities, type EntityHour } from './new-entity-detector.js';
import { detectToneShift, type ToneRuleSettings } from './tone-shift-detector.js';
import { syntheticSeries } from './quality/synthetic-series.js';

const toneRule: ToneRuleSettings = {
  windowHours: 24,
  sensitivity: 'medium',
  lookbackDays: 14,
  warmupDays: 7,
  minArticles: 10,
};

const toneSeries = (shift: number): HourlySeries =>
  syntheticSeries({
    seed: 7,
    days: 22,
    peakRate: 6,
    dailyNoise: 0.1,
    anomalies: [],
    tone: { mean: 0.05, spread: 0.35, shifts: [[21 * DAY_HOURS, DAY_HOURS, shift]] },
  });

describe('detectToneShift', () => {
  it('flags a day turning negative by 0.4 with Welch t, and not an unchanged day', () => {
    const outcome = detectToneShift(toneSeries(-0.4), 22 * DAY_HOURS, toneRule);
    expect(outcome).toMatchObject({ status: 'alert', statistic: { kind: 'tone-shift', direction: 'negative' } });
    if (outcome.status !== 'alert') throw new Error('expected an alert');
    expect(outcome.statistic.baselineMean - outcome.statistic.windowMean).toBeGreaterThan(0.3);
    expect(detectToneShift(toneSeries(0), 22 * DAY_HOURS, toneRule).status).toBe('quiet');
  });

  it('needs enough scored articles and history', () => {
    expect(detectToneShift(toneSeries(-0.4), 22 * DAY_HOURS, { ...toneRule, minArticles: 500 }).status).toBe(
      'too-few-articles',
    );
    expect(detectToneShift(toneSeries(-0.4), 5 * DAY_HOURS, toneRule).status).toBe('warming-up');
  });
});

describe('detectNewEntities', () => {
  const day = 86_400_000;
  const range = { lookbackStartMs: 0, windowStartMs: 14 * day, windowEndMs: 15 * day, firstActiveMs: 0 };
  const hours: EntityHour[] = [
    { startMs: 2 * day, entities: { 'per:shoigu': 3, 'unit:bars': 9 } },
    { startMs: 14 * day + 5 * HOUR_MS, entities: { 'per:new-official': 2, 'per:shoigu': 1, 'unit:bars': 4 } },
    { startMs: 14 * day + 2 * HOUR_MS, entities: { 'per:new-official': 1, 'org:once': 1 } },
  ];

  it('reports entities first seen in the window with enough mentions, with the hour first seen', () => {
    expect(detectNewEntities(hours, range, { minMentions: 2, warmupDays: 7 })).toEqual([
      { entityId: 'per:new-official', mentions: 3, firstSeenMs: 14 * day + 2 * HOUR_MS },
    ]);
    expect(detectNewEntities(hours, range, { minMentions: 1, warmupDays: 7 }, new Set(['org:once']))).toHaveLength(1);
  });

  it('reports nothing during the warm-up', () => {
    expect(detectNewEntities(hours, { ...range, firstActiveMs: 10 * day }, { minMentions: 1, warmupDays: 7 })).toEqual(
      [],
    );
  });
});

describe('inCooldown', () => {
  it('silences the rule for the cooldown after its last alert', () => {
    expect(inCooldown(null, 0, 6)).toBe(false);
    expect(inCooldown(0, 5 * HOUR_MS, 6)).toBe(true);
    expect(inCooldown(0, 6 * HOUR_MS, 6)).toBe(false);
  });
});
