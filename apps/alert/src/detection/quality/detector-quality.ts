import { mulberry32 } from '@media-monitor/random';
import { inCooldown } from '../cooldown.js';
import { DAY_HOURS, HOUR_MS, type HourlySeries } from '../hourly-series.js';
import { detectVolumeChange, type VolumeRuleSettings, type VolumeStatistic } from '../volume-detector.js';
import { syntheticSeries, type InjectedAnomaly, type SyntheticSpec } from './synthetic-series.js';

export interface Scenario {
  name: string;
  rule: VolumeRuleSettings;
  cooldownHours: number;
  days: number;
  peakRate: number;
  dailyNoise: number;
  /** Anomalies injected per series: durations in hours and factors. */
  spikes: { count: number; hours: number; factors: [number, number] };
  drops: { count: number; hours: number; factors: [number, number] };
}

export interface QualityFigures {
  alerts: number;
  truePositives: number;
  anomalies: number;
  detected: number;
  precision: number;
  recall: number;
}

/** The detector as the scheduler runs it: every hour, with a cooldown per kind. */
export type Detector = (series: HourlySeries, end: number) => VolumeStatistic | null;

export const robustDetector =
  (rule: VolumeRuleSettings): Detector =>
  (series, end) => {
    const outcome = detectVolumeChange(series, end, rule);
    return outcome.status === 'alert' ? outcome.statistic : null;
  };

/** Places anomalies after the warm-up, apart from each other, at random hours. */
export function plantAnomalies(scenario: Scenario, seed: number): InjectedAnomaly[] {
  const random = mulberry32(seed ^ 0x9e3779b9);
  const earliest = (scenario.rule.warmupDays + 1) * DAY_HOURS;
  const span = scenario.days * DAY_HOURS - earliest - 2 * DAY_HOURS;
  const planned: InjectedAnomaly[] = [];
  const kinds: Array<['spike' | 'drop', Scenario['spikes']]> = [
    ['spike', scenario.spikes],
    ['drop', scenario.drops],
  ];
  for (const [kind, plan] of kinds) {
    for (let n = 0, tries = 0; n < plan.count && tries < 1000; tries += 1) {
      const startHour = earliest + Math.floor(random() * span);
      // Three days apart, so that one anomaly never sits in the window or cooldown of another.
      if (planned.some((a) => Math.abs(a.startHour - startHour) < 3 * DAY_HOURS)) continue;
      const factor = plan.factors[0] + random() * (plan.factors[1] - plan.factors[0]);
      planned.push({ kind, startHour, hours: plan.hours, factor });
      n += 1;
    }
  }
  return planned;
}

/**
 * Runs `detector` at every hour after the warm-up. An alert is a true positive when its window
 * overlaps an injected anomaly of its kind; an anomaly is detected when such an alert exists.
 */
export function evaluate(detector: Detector, scenario: Scenario, seeds: readonly number[]): QualityFigures {
  const totals = { alerts: 0, truePositives: 0, anomalies: 0, detected: 0 };
  for (const seed of seeds) {
    const anomalies = plantAnomalies(scenario, seed);
    const spec: SyntheticSpec = {
      seed,
      days: scenario.days,
      peakRate: scenario.peakRate,
      dailyNoise: scenario.dailyNoise,
      anomalies,
    };
    const series = syntheticSeries(spec);
    const last = new Map<string, number>();
    const hit = new Set<InjectedAnomaly>();
    for (let end = DAY_HOURS; end <= series.hours.length; end += 1) {
      const statistic = detector(series, end);
      const nowMs = series.startMs + end * HOUR_MS;
      if (!statistic || inCooldown(last.get(statistic.kind) ?? null, nowMs, scenario.cooldownHours)) continue;
      last.set(statistic.kind, nowMs);
      totals.alerts += 1;
      const from = end - scenario.rule.windowHours;
      const matched = anomalies.filter(
        (a) => a.kind === statistic.kind && a.startHour < end && a.startHour + a.hours > from,
      );
      if (matched.length > 0) totals.truePositives += 1;
      for (const a of matched) hit.add(a);
    }
    totals.anomalies += anomalies.length;
    totals.detected += hit.size;
  }
  return {
    ...totals,
    precision: totals.alerts > 0 ? totals.truePositives / totals.alerts : 1,
    recall: totals.anomalies > 0 ? totals.detected / totals.anomalies : 1,
  };
}

const volume = (windowHours: number, direction: VolumeRuleSettings['direction']): VolumeRuleSettings => ({
  windowHours,
  direction,
  sensitivity: 'medium',
  lookbackDays: 14,
  warmupDays: 7,
  minArticles: 5,
});

/** The scenarios the quality test and the benchmark share. */
export const SCENARIOS: Scenario[] = [
  {
    name: 'daily window, busy topic (peak 20/h), day-long spikes x2-x3 and drops x0.2-x0.4',
    rule: volume(24, 'both'),
    cooldownHours: 48,
    days: 63,
    peakRate: 20,
    dailyNoise: 0.15,
    spikes: { count: 4, hours: 24, factors: [2, 3] },
    drops: { count: 3, hours: 24, factors: [0.2, 0.4] },
  },
  {
    name: 'hourly window, quiet topic (peak 3/h), 3-hour bursts x4-x8',
    rule: volume(1, 'spike'),
    cooldownHours: 6,
    days: 49,
    peakRate: 3,
    dailyNoise: 0.15,
    spikes: { count: 6, hours: 3, factors: [4, 8] },
    drops: { count: 0, hours: 0, factors: [1, 1] },
  },
];
