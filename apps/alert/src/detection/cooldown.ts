import { HOUR_MS } from './hourly-series.js';

/** True while an alert raised at `lastAlertMs` still silences the same rule and kind. */
export function inCooldown(lastAlertMs: number | null, nowMs: number, cooldownHours: number): boolean {
  return lastAlertMs !== null && nowMs - lastAlertMs < cooldownHours * HOUR_MS;
}
