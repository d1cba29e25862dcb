import { DAY_HOURS, HOUR_MS, toneIn, firstActiveHour, type HourlySeries } from './hourly-series.js';
import { THRESHOLDS, type Sensitivity } from './sensitivity.js';

export interface ToneRuleSettings {
  windowHours: number;
  sensitivity: Sensitivity;
  lookbackDays: number;
  warmupDays: number;
  /** Scored articles the window (and, doubled, the baseline) needs before a difference means anything. */
  minArticles: number;
}

export interface ToneStatistic {
  kind: 'tone-shift';
  direction: 'negative' | 'positive';
  windowMean: number;
  baselineMean: number;
  windowCount: number;
  baselineCount: number;
  /** Welch's t of the difference of means. */
  t: number;
  threshold: number;
  windowStartMs: number;
  windowEndMs: number;
}

export type ToneOutcome =
  { status: 'alert'; statistic: ToneStatistic } | { status: 'quiet' | 'too-few-articles' | 'warming-up' };

interface Moments {
  n: number;
  mean: number;
  variance: number;
}

function moments(totals: { toneSum: number; toneSqSum: number; toneCount: number }): Moments {
  const n = totals.toneCount;
  const mean = n > 0 ? totals.toneSum / n : 0;
  const variance = n > 1 ? Math.max(0, (totals.toneSqSum - n * mean * mean) / (n - 1)) : 0;
  return { n, mean, variance };
}

/** Smallest variance assumed per article: a window of identical scores is not infinitely certain. */
const VARIANCE_FLOOR = 0.01;

/**
 * Compares the mean tone of the window ending at hour `end` with the mean tone of the
 * `lookbackDays` before it, by Welch's t (unequal variances); the shift must also be large enough
 * to matter to a reader, not only significant on a large sample.
 */
export function detectToneShift(series: HourlySeries, end: number, rule: ToneRuleSettings): ToneOutcome {
  const first = firstActiveHour(series);
  const windowStart = end - rule.windowHours;
  if (first < 0 || windowStart - first < rule.warmupDays * DAY_HOURS) return { status: 'warming-up' };
  const current = moments(toneIn(series, windowStart, end));
  const baseline = moments(toneIn(series, windowStart - rule.lookbackDays * DAY_HOURS, windowStart));
  if (current.n < rule.minArticles || baseline.n < 2 * rule.minArticles) return { status: 'too-few-articles' };
  const standardError = Math.sqrt(
    Math.max(current.variance, VARIANCE_FLOOR) / current.n + Math.max(baseline.variance, VARIANCE_FLOOR) / baseline.n,
  );
  const difference = current.mean - baseline.mean;
  const t = difference / standardError;
  const thresholds = THRESHOLDS[rule.sensitivity];
  if (Math.abs(t) < thresholds.toneT || Math.abs(difference) < thresholds.minToneShift) return { status: 'quiet' };
  return {
    status: 'alert',
    statistic: {
      kind: 'tone-shift',
      direction: difference < 0 ? 'negative' : 'positive',
      windowMean: current.mean,
      baselineMean: baseline.mean,
      windowCount: current.n,
      baselineCount: baseline.n,
      t,
      threshold: thresholds.toneT,
      windowStartMs: series.startMs + windowStart * HOUR_MS,
      windowEndMs: series.startMs + end * HOUR_MS,
    },
  };
}
