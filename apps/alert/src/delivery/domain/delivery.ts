import type { AlertDestinationInputV1, DeliveryOutcome, DeliveryStatus } from '@media-monitor/contracts';

/** One alert on its way to one destination (the outbox row). */
export interface Delivery {
  deliveryId: string;
  alertId: string;
  destinationId: string;
  status: DeliveryStatus;
  /** Attempts claimed so far. */
  attempts: number;
  nextAttemptAt: Date;
  /** A worker that claimed an attempt holds it until then; afterwards the attempt counts as lost. */
  leaseUntil: Date;
  deliveredAt: Date | null;
  lastError: string | null;
  /** Held back (quiet hours, a digest period): sent together with the others held, in one digest. */
  batched: boolean;
}

export interface DeliveryAttempt {
  deliveryId: string;
  attempt: number;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: DeliveryOutcome | null;
  httpStatus: number | null;
  errorClass: string | null;
  response: string | null;
}

export interface Destination extends AlertDestinationInputV1 {
  status: 'active' | 'broken';
  brokenReason: string | null;
  brokenAt: Date | null;
  pausedUntil: Date | null;
}

/** The id of an alert's delivery to a destination: one outbox row each, whoever enqueues it. */
export const deliveryIdFor = (alertId: string, destinationId: string) => `${alertId}:${destinationId}`;
