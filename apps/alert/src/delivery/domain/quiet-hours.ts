import type { QuietHours } from '@media-monitor/contracts';

function hourIn(timeZone: string, at: Date): number {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(at);
  return Number(hour);
}

const inWindow = (hour: number, q: QuietHours) =>
  q.startHour <= q.endHour ? hour >= q.startHour && hour < q.endHour : hour >= q.startHour || hour < q.endHour;

/**
 * When quiet hours hold at `at`, the first full hour after they end (deliveries wait until then);
 * otherwise null. Works in whole hours of the destination's time zone.
 */
export function quietUntil(quiet: QuietHours | undefined, at: Date): Date | null {
  if (!quiet || quiet.startHour === quiet.endHour || !inWindow(hourIn(quiet.timeZone, at), quiet)) return null;
  const next = new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
  for (let i = 0; i < 25; i += 1) {
    next.setTime(next.getTime() + 3_600_000);
    if (!inWindow(hourIn(quiet.timeZone, next), quiet)) return next;
  }
  return null;
}
