import { createHash } from 'node:crypto';
import type { Delivery, Destination } from './delivery.js';

/** Alerts combined into one digest message at most (Slack's 50 blocks leave room for about 20). */
export const DIGEST_MAX_ALERTS = 20;

const MINUTE_MS = 60_000;

/** The end of the digest period holding `at`: the next UTC multiple of the period. */
export function digestPeriodEnd(minutes: number, at: Date): Date {
  const periodMs = minutes * MINUTE_MS;
  return new Date(Math.floor(at.getTime() / periodMs) * periodMs + periodMs);
}

/**
 * Whether a due delivery must first wait for its destination's digest: a destination with a digest
 * period holds every new delivery until the period ends. Retries and deliveries already held are not
 * held again.
 */
export function waitsForDigest(destination: Pick<Destination, 'digestMinutes'>, delivery: Delivery): boolean {
  return destination.digestMinutes !== undefined && !delivery.batched && delivery.attempts === 0;
}

/**
 * Splits due deliveries into digests and single sends: deliveries held back (quiet hours, a digest
 * period) go together, and so does everything once `backlog` or more are due at once; a digest of
 * one is a single send.
 */
export function planSends(due: readonly Delivery[], backlog: number): { digests: Delivery[][]; singles: Delivery[] } {
  const together = due.length >= backlog ? [...due] : due.filter((d) => d.batched);
  const singles = due.length >= backlog ? [] : due.filter((d) => !d.batched);
  const digests: Delivery[][] = [];
  for (let i = 0; i < together.length; i += DIGEST_MAX_ALERTS) digests.push(together.slice(i, i + DIGEST_MAX_ALERTS));
  const lone = digests.at(-1)?.length === 1 ? (digests.pop() as Delivery[]) : [];
  return { digests, singles: [...lone, ...singles] };
}

/** The message id of a digest: the same deliveries give the same id, so a retried digest can be recognised. */
export function digestMessageId(deliveries: readonly Delivery[]): string {
  const ids = deliveries.map((d) => d.deliveryId).sort();
  return `digest_${createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 32)}`;
}
