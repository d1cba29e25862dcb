import type { AlertDestinationInputV1 } from '@media-monitor/contracts';
import type { AlertDraft } from '../../rules/domain/alert.js';
import type { Delivery, DeliveryAttempt, Destination } from '../domain/delivery.js';
import type { Classified, SendResult } from '../domain/send-outcome.js';

export const DELIVERY_REPOSITORY = Symbol('DeliveryRepository');
export const DESTINATION_REPOSITORY = Symbol('DestinationRepository');
export const HTTP_SENDER = Symbol('HttpSender');

export interface DeliveryRepository {
  /** Adds one pending delivery per destination unless it exists. */
  enqueue(alertId: string, destinationIds: readonly string[], now: Date): Promise<void>;
  /** A destination's pending deliveries whose next attempt is due and whose lease expired, oldest first. */
  due(destinationId: string, now: Date, limit: number): Promise<Delivery[]>;
  /** Gives up the pending deliveries of a destination (it was deleted); answers how many. */
  failPending(destinationId: string, reason: string, now: Date): Promise<number>;
  /**
   * Claims the next attempt of a delivery for `leaseMs`; answers its number, or null when another
   * worker claimed it first. The attempt record is created by a unique insert, so even a store
   * that loses concurrent updates lets only one worker own an attempt.
   */
  claim(delivery: Delivery, now: Date, leaseMs: number): Promise<number | null>;
  /** Holds a pending delivery back until `until` (quiet hours, a digest period); it is then sent in a digest. */
  hold(delivery: Delivery, until: Date, reason: 'quiet_hours' | 'digest'): Promise<void>;
  /** Records the attempt's result and sets the delivery's next state. */
  finish(
    delivery: Delivery,
    attempt: number,
    result: Classified,
    next: { status: Delivery['status']; nextAttemptAt: Date },
    now: Date,
  ): Promise<void>;
  pendingCount(destinationId: string): Promise<number>;
  forAlerts(alertIds: readonly string[]): Promise<Delivery[]>;
  attemptsOf(deliveryIds: readonly string[]): Promise<DeliveryAttempt[]>;
}

export interface DestinationRepository {
  get(destinationId: string): Promise<Destination | null>;
  all(): Promise<Destination[]>;
  /** Saves the destination as active (a save repairs a broken one); says whether it was new. */
  save(input: AlertDestinationInputV1): Promise<{ created: boolean }>;
  /** Adds it only when absent (the default destination from the environment). */
  seed(input: AlertDestinationInputV1): Promise<void>;
  delete(destinationId: string): Promise<boolean>;
  markBroken(destinationId: string, reason: string, at: Date): Promise<void>;
  markActive(destinationId: string): Promise<void>;
  pauseUntil(destinationId: string, until: Date): Promise<void>;
}

export interface HttpRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** POSTs to a destination through the connect-time address checks; never throws for network failures. */
export interface HttpSender {
  post(request: HttpRequest, options: { allowLoopback: boolean }): Promise<SendResult>;
}

/** The alert a delivery carries. */
export interface AlertSource {
  get(alertId: string): Promise<AlertDraft | null>;
}
export const ALERT_SOURCE = Symbol('AlertSource');
