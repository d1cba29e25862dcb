import type { TrendInterval, TrendSeries } from '@media-monitor/contracts';

export const INTERVAL_MS: Record<TrendInterval, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/** Start of the UTC bucket of this width that contains the instant. */
export function bucketStart(interval: TrendInterval, instant: Date): Date {
  const width = INTERVAL_MS[interval];
  return new Date(Math.floor(instant.getTime() / width) * width);
}

/** Every UTC bucket start in [from, to), for filling empty buckets with zeros. */
export function bucketStarts(interval: TrendInterval, from: Date, to: Date): Date[] {
  const starts: Date[] = [];
  const width = INTERVAL_MS[interval];
  for (let t = bucketStart(interval, from).getTime(); t < to.getTime(); t += width) starts.push(new Date(t));
  return starts;
}

/** `topic:bars`, `entity:unit:bars-kursk`, `source:tass.ru`, `all:*`. */
export function seriesKey(series: TrendSeries): string {
  return `${series.kind}:${series.id}`;
}

/** The natural key (`_id`) of one bucket document. */
export function bucketKey(series: TrendSeries, interval: TrendInterval, start: Date): string {
  return `${seriesKey(series)}|${interval}|${start.toISOString()}`;
}

/**
 * Entity and source ids become field names of the per-bucket count maps; MongoDB field names
 * must not contain "." or start with "$", so those characters (and the escape "%") are
 * percent-encoded.
 */
export function encodeFieldName(id: string): string {
  return id.replace(/[%.$]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function decodeFieldName(field: string): string {
  return field.replace(/%(25|2E|24)/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
