/** One hour of a topic's or entity's coverage, as the detectors see it. */
export interface HourStats {
  articles: number;
  /** Sum, sum of squares and count of the tone scores on [-1, 1]. */
  toneSum: number;
  toneSqSum: number;
  toneCount: number;
}

/** A dense hourly series: `hours[i]` covers [startMs + i h, startMs + (i + 1) h), UTC. */
export interface HourlySeries {
  startMs: number;
  hours: HourStats[];
}

export const HOUR_MS = 3_600_000;
export const DAY_HOURS = 24;

export const emptyHour = (): HourStats => ({ articles: 0, toneSum: 0, toneSqSum: 0, toneCount: 0 });

/** Start of the UTC hour that contains `ms`. */
export function hourFloor(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/** Sum of articles over hours [from, to) of the series; indexes outside it count as zero. */
export function articlesIn(series: HourlySeries, from: number, to: number): number {
  let total = 0;
  for (let i = Math.max(0, from); i < Math.min(to, series.hours.length); i += 1) total += series.hours[i]!.articles;
  return total;
}

/** Tone totals over hours [from, to). */
export function toneIn(series: HourlySeries, from: number, to: number): Omit<HourStats, 'articles'> {
  const out = { toneSum: 0, toneSqSum: 0, toneCount: 0 };
  for (let i = Math.max(0, from); i < Math.min(to, series.hours.length); i += 1) {
    const hour = series.hours[i]!;
    out.toneSum += hour.toneSum;
    out.toneSqSum += hour.toneSqSum;
    out.toneCount += hour.toneCount;
  }
  return out;
}

/** Index of the first hour with any article, or -1. */
export function firstActiveHour(series: HourlySeries): number {
  return series.hours.findIndex((hour) => hour.articles > 0);
}

/** UTC weekday (0 = Sunday) of hour index `i`. */
export function weekdayOf(series: HourlySeries, i: number): number {
  return new Date(series.startMs + i * HOUR_MS).getUTCDay();
}
