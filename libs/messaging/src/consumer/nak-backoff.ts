/** Default nak delays in milliseconds, indexed by delivery count (1st failure → first entry). */
export const DEFAULT_NAK_BACKOFF_MS: readonly number[] = [1_000, 5_000, 15_000, 30_000, 60_000];

/** The nak delay in milliseconds after a failed delivery: grows with the count, then stays at the last entry. */
export function nakDelayMs(deliveryCount: number, backoffMs: readonly number[] = DEFAULT_NAK_BACKOFF_MS): number {
  if (backoffMs.length === 0) return 0;
  const index = Math.min(Math.max(deliveryCount, 1), backoffMs.length) - 1;
  return Math.max(0, backoffMs[index] ?? 0);
}

/** Interval of automatic `working()` calls while a handler runs: a third of the ack wait, in milliseconds. */
export function workingIntervalMs(ackWaitMs: number): number {
  return Math.max(100, Math.floor(ackWaitMs / 3));
}

/** Delay in milliseconds before the n-th consecutive pull-loop recovery attempt (1-based), capped. */
export function recoveryDelayMs(failures: number, baseMs = 250, maxMs = 5_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
}
