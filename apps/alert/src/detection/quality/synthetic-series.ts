import { mulberry32 } from '@media-monitor/random';
import { DAY_HOURS, HOUR_MS, type HourlySeries, type HourStats } from '../hourly-series.js';

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Poisson draw: Knuth's product method for small rates, the normal approximation for large ones. */
function poisson(rate: number, random: () => number): number {
  if (rate <= 0) return 0;
  if (rate > 40) return Math.max(0, Math.round(rate + Math.sqrt(rate) * gaussian(random)));
  const limit = Math.exp(-rate);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k += 1;
  return k;
}

export interface InjectedAnomaly {
  kind: 'spike' | 'drop';
  startHour: number;
  hours: number;
  /** Multiplies the expected volume: above 1 for spikes, below for drops. */
  factor: number;
}

export interface SyntheticSpec {
  seed: number;
  days: number;
  /** Articles per hour at the busiest hour of a weekday. */
  peakRate: number;
  /** Standard deviation of the day-to-day log-normal volume noise (news is over-dispersed). */
  dailyNoise: number;
  anomalies: InjectedAnomaly[];
  /** Mean tone and its spread per article, and tone shifts as [startHour, hours, delta]. */
  tone?: { mean: number; spread: number; shifts: Array<[number, number, number]> };
}

/** Monday 2026-01-05T00:00Z: series start on a Monday so weekday effects line up with the spec. */
export const SYNTHETIC_START_MS = Date.UTC(2026, 0, 5);

const WEEKDAY_FACTOR = [0.45, 1, 1, 1, 1, 0.9, 0.5]; // Sunday .. Saturday
const diurnal = (hour: number) => 0.2 + 0.8 * Math.max(0, Math.sin(((hour - 5) / 18) * Math.PI));

/** An hourly series with daily and weekly seasonality, Poisson and day-level noise, and injected anomalies. */
export function syntheticSeries(spec: SyntheticSpec): HourlySeries {
  const random = mulberry32(spec.seed);
  const hours: HourStats[] = [];
  for (let day = 0; day < spec.days; day += 1) {
    const dayNoise = Math.exp(spec.dailyNoise * gaussian(random));
    for (let h = 0; h < DAY_HOURS; h += 1) {
      const i = day * DAY_HOURS + h;
      const weekday = new Date(SYNTHETIC_START_MS + i * HOUR_MS).getUTCDay();
      let rate = spec.peakRate * diurnal(h) * WEEKDAY_FACTOR[weekday]! * dayNoise;
      for (const a of spec.anomalies) if (i >= a.startHour && i < a.startHour + a.hours) rate *= a.factor;
      const articles = poisson(rate, random);
      hours.push({ articles, ...toneOf(articles, i, spec, random) });
    }
  }
  return { startMs: SYNTHETIC_START_MS, hours };
}

function toneOf(articles: number, i: number, spec: SyntheticSpec, random: () => number) {
  const out = { toneSum: 0, toneSqSum: 0, toneCount: 0 };
  if (!spec.tone) return out;
  const shift = spec.tone.shifts.find(([start, hours]) => i >= start && i < start + hours)?.[2] ?? 0;
  for (let k = 0; k < articles; k += 1) {
    const score = Math.max(-1, Math.min(1, spec.tone.mean + shift + spec.tone.spread * gaussian(random)));
    out.toneSum += score;
    out.toneSqSum += score * score;
    out.toneCount += 1;
  }
  return out;
}
