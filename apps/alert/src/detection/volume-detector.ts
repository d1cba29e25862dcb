import { articlesIn, DAY_HOURS, firstActiveHour, HOUR_MS, weekdayOf, type HourlySeries } from './hourly-series.js';
import { median, robustSigma } from './robust-stats.js';
import { THRESHOLDS, type Sensitivity } from './sensitivity.js';

export interface VolumeRuleSettings {
  /** Length of the compared window, in hours (1: hour against hour, 24: rolling day against day). */
  windowHours: number;
  direction: 'spike' | 'drop' | 'both';
  sensitivity: Sensitivity;
  /** Days of the same window in the past that form the baseline (Meltwater and Huginn use 14). */
  lookbackDays: number;
  /** History the series needs before it may alert, in days. */
  warmupDays: number;
  /** A spike needs at least this many articles in the window. */
  minArticles: number;
}

export interface VolumeStatistic {
  kind: 'spike' | 'drop';
  observed: number;
  expected: number;
  sigma: number;
  /** (observed - expected) / sigma. */
  score: number;
  threshold: number;
  /** Weekday factor applied to the baseline (1 = an average day). */
  weekdayFactor: number;
  /** Number of past windows the baseline was computed from. */
  baselineWindows: number;
  windowStartMs: number;
  windowEndMs: number;
}

export type VolumeOutcome =
  | { status: 'alert'; statistic: VolumeStatistic }
  | { status: 'quiet'; statistic: Omit<VolumeStatistic, 'kind'> }
  | { status: 'warming-up'; historyDays: number };

/** Shrinks each weekday's factor toward 1 as if it had this many extra average days (2 weeks give 2 per weekday). */
const WEEKDAY_PRIOR_DAYS = 1;

/**
 * Daily volume of each weekday relative to the average day over hours [from, to), shrunk toward 1
 * so that a single odd Saturday does not become the Saturday norm.
 */
export function weekdayProfile(series: HourlySeries, from: number, to: number): number[] {
  const totals = new Array<number>(7).fill(0);
  const days = new Array<number>(7).fill(0);
  for (let start = from; start + DAY_HOURS <= to; start += DAY_HOURS) {
    const weekday = weekdayOf(series, start + DAY_HOURS / 2);
    totals[weekday]! += articlesIn(series, start, start + DAY_HOURS);
    days[weekday]! += 1;
  }
  const dayCount = days.reduce((a, b) => a + b, 0);
  const overall = dayCount > 0 ? totals.reduce((a, b) => a + b, 0) / dayCount : 0;
  if (overall === 0) return new Array<number>(7).fill(1);
  return totals.map((total, w) => (total + WEEKDAY_PRIOR_DAYS * overall) / ((days[w]! + WEEKDAY_PRIOR_DAYS) * overall));
}

/** Share of a day's articles that each UTC hour of the day carries over [from, to), for weighting. */
function hourOfDayShares(series: HourlySeries, from: number, to: number): number[] {
  const totals = new Array<number>(DAY_HOURS).fill(1);
  for (let i = Math.max(0, from); i < to; i += 1) {
    totals[new Date(series.startMs + i * HOUR_MS).getUTCHours()]! += series.hours[i]!.articles;
  }
  const sum = totals.reduce((a, b) => a + b, 0);
  return totals.map((total) => total / sum);
}

/**
 * Weekday factor of the window [start, stop): a rolling day from Friday noon to Saturday noon is
 * part Friday and part Saturday, weighted by how much each hour of the day usually carries.
 */
function windowFactor(
  series: HourlySeries,
  start: number,
  stop: number,
  profile: readonly number[],
  shares: readonly number[],
): number {
  let weighted = 0;
  let weights = 0;
  for (let i = start; i < stop; i += 1) {
    const at = new Date(series.startMs + i * HOUR_MS);
    const share = shares[at.getUTCHours()]!;
    weighted += share * profile[at.getUTCDay()]!;
    weights += share;
  }
  return weighted / weights;
}

/**
 * The smaller in magnitude of two z-scores: against the spread of past windows (MAD), and against
 * Poisson noise through Anscombe's variance-stabilising transform, whose tails stay close to
 * normal for small counts (where (x - λ)/√λ would call 9 articles against 3 a 3.5σ event). A MAD
 * of zero over a quiet series thus never turns two articles into an infinite score.
 */
export function conservativeScore(observed: number, expected: number, sigma: number): number {
  const poisson = 2 * (Math.sqrt(observed + 3 / 8) - Math.sqrt(expected + 3 / 8));
  if (sigma <= 0) return poisson;
  const robust = (observed - expected) / sigma;
  return Math.abs(robust) < Math.abs(poisson) ? robust : poisson;
}

/**
 * Compares the window of `windowHours` that ends at hour index `end` (exclusive) with the same
 * window on each of the past `lookbackDays` days. Each past window is divided by its weekday's
 * factor, the baseline is the median of those, scaled back by the current weekday's factor, and
 * the spread is their MAD (see conservativeScore for the Poisson floor).
 */
export function detectVolumeChange(series: HourlySeries, end: number, rule: VolumeRuleSettings): VolumeOutcome {
  const w = rule.windowHours;
  const first = firstActiveHour(series);
  const historyHours = first < 0 ? 0 : end - w - first;
  if (first < 0 || historyHours < rule.warmupDays * DAY_HOURS) {
    return { status: 'warming-up', historyDays: Math.max(0, historyHours) / DAY_HOURS };
  }
  const lookbackStart = Math.max(first, end - w - rule.lookbackDays * DAY_HOURS);
  const profile = weekdayProfile(series, lookbackStart, end - w);
  const shares = hourOfDayShares(series, lookbackStart, end - w);
  const normalised: number[] = [];
  for (let k = 1; k <= rule.lookbackDays; k += 1) {
    const stop = end - k * DAY_HOURS;
    if (stop - w < first) break;
    normalised.push(articlesIn(series, stop - w, stop) / windowFactor(series, stop - w, stop, profile, shares));
  }
  const factor = windowFactor(series, end - w, end, profile, shares);
  const expected = median(normalised) * factor;
  const sigma = robustSigma(normalised) * factor;
  const observed = articlesIn(series, end - w, end);
  const score = conservativeScore(observed, expected, sigma);
  const thresholds = THRESHOLDS[rule.sensitivity];
  const base = {
    observed,
    expected,
    sigma,
    score,
    threshold: thresholds.z,
    weekdayFactor: factor,
    baselineWindows: normalised.length,
    windowStartMs: series.startMs + (end - w) * HOUR_MS,
    windowEndMs: series.startMs + end * HOUR_MS,
  };
  const change = thresholds.minRelativeChange;
  const spike =
    rule.direction !== 'drop' &&
    score >= thresholds.z &&
    observed >= rule.minArticles &&
    observed >= expected * (1 + change);
  const drop =
    rule.direction !== 'spike' &&
    score <= -thresholds.z &&
    expected >= rule.minArticles &&
    observed <= expected * (1 - change);
  if (spike) return { status: 'alert', statistic: { kind: 'spike', ...base } };
  if (drop) return { status: 'alert', statistic: { kind: 'drop', ...base } };
  return { status: 'quiet', statistic: base };
}
