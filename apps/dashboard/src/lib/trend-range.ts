import type { TrendInterval } from '@media-monitor/contracts';

export interface RangePreset {
  id: string;
  label: string;
  interval: TrendInterval;
  /** The span before now, in milliseconds; undefined takes the API's default span of the interval. */
  spanMs?: number;
}

export const RANGE_PRESETS: readonly RangePreset[] = [
  { id: '1h', label: 'Last hour, by minute', interval: 'minute' },
  { id: '24h', label: 'Last 24 hours, by hour', interval: 'hour' },
  { id: '7d', label: 'Last 7 days, by hour', interval: 'hour', spanMs: 7 * 86_400_000 },
  { id: '30d', label: 'Last 30 days, by day', interval: 'day' },
];

export const DEFAULT_RANGE = '24h';

export function rangePreset(id: string | null | undefined): RangePreset {
  return RANGE_PRESETS.find((r) => r.id === id) ?? (RANGE_PRESETS[1] as RangePreset);
}

/** The trend query of a preset in a time zone, as of `now` (from is left to the API unless the preset has a span). */
export function rangeQuery(preset: RangePreset, timeZone: string, now = Date.now()) {
  return {
    interval: preset.interval,
    tz: timeZone,
    ...(preset.spanMs
      ? { from: new Date(Math.floor((now - preset.spanMs) / 3_600_000) * 3_600_000).toISOString() }
      : {}),
  };
}
