import { Inject, Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AlertDraft } from '../../rules/domain/alert.js';
import type { Delivery, Destination } from '../domain/delivery.js';
import { digestMessageId, digestPeriodEnd, planSends, waitsForDigest } from '../domain/digest.js';
import { quietUntil } from '../domain/quiet-hours.js';
import { RateLimiter } from '../domain/rate-limiter.js';
import { retryDelayMs } from '../domain/retry-policy.js';
import type { Classified } from '../domain/send-outcome.js';
import {
  ALERT_SOURCE,
  DELIVERY_REPOSITORY,
  DESTINATION_REPOSITORY,
  type AlertSource,
  type DeliveryRepository,
  type DestinationRepository,
} from './delivery.ports.js';
import { DELIVERY_OPTIONS, type DeliveryOptions } from './delivery.options.js';
import { DestinationSender } from './destination.sender.js';

/** Deliveries of one destination looked at per pass, so that a long queue does not hold up the others. */
const BATCH_PER_DESTINATION = 20;

/**
 * Drains the outbox: claims due deliveries attempt by attempt, sends them at most `ratePerSecond`
 * per destination, and records every attempt. Deliveries held back by quiet hours or a digest
 * period, and any backlog of `digestBacklog` or more, go out together as digests, never as a flood. Destinations run in parallel, each one in order;
 * broken, paused and disabled destinations are skipped, so their backlog never blocks the rest.
 */
@Injectable()
export class DeliveryWorker {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly limiter: RateLimiter;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: AbortController | null = null;

  constructor(
    @Inject(DELIVERY_REPOSITORY) private readonly deliveries: DeliveryRepository,
    @Inject(DESTINATION_REPOSITORY) private readonly destinations: DestinationRepository,
    @Inject(ALERT_SOURCE) private readonly alerts: AlertSource,
    private readonly sender: DestinationSender,
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryOptions,
  ) {
    this.limiter = new RateLimiter(options.ratePerSecond, options.burst);
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Finishes the attempts in flight, then stops; unfinished deliveries stay in the outbox. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.abort();
    await this.loop;
    this.loop = null;
  }

  /** Looks for due deliveries now instead of at the next poll. */
  nudge(): void {
    this.wake?.abort();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.pass(new Date());
      } catch (error) {
        this.logger.error(`delivery pass failed, will retry: ${(error as Error).message}`);
      }
      if (this.stopping) break;
      this.wake = new AbortController();
      await sleep(this.options.pollMs, undefined, { signal: this.wake.signal }).catch(() => undefined);
    }
  }

  /** One pass over the usable destinations' due deliveries; answers how many attempts it made. */
  async pass(now: Date): Promise<number> {
    const usable = (await this.destinations.all()).filter((destination) => this.mayDeliver(destination, now));
    const counts = await Promise.all(
      usable.map((destination) => this.drainDestination(destination.destinationId, now)),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  private async drainDestination(destinationId: string, now: Date): Promise<number> {
    const due = await this.deliveries.due(destinationId, now, BATCH_PER_DESTINATION);
    if (due.length === 0) return 0;
    const held = await this.holdBack(destinationId, due, new Date());
    if (held === null) return 0;
    const { digests, singles } = planSends(held, this.options.digestBacklog);
    let attempts = 0;
    for (const batch of [...digests, ...singles.map((d) => [d])]) {
      if (this.stopping) break;
      // Re-read: an earlier attempt of this pass may have broken or paused it.
      const destination = await this.destinations.get(destinationId);
      if (!destination || !this.mayDeliver(destination, new Date())) break;
      const outcome = await this.attempt(batch, destination);
      if (outcome === null) continue;
      attempts += 1;
      if (outcome.outcome === 'rate-limited' || outcome.outcome === 'permanent') break;
    }
    return attempts;
  }

  /**
   * Holds back what must wait (everything during quiet hours; new deliveries of a destination with a
   * digest period until the period ends) and answers the deliveries to send now, or null when the
   * destination may not be sent to.
   */
  private async holdBack(destinationId: string, due: readonly Delivery[], at: Date): Promise<Delivery[] | null> {
    const destination = await this.destinations.get(destinationId);
    if (!destination || !this.mayDeliver(destination, at)) return null;
    const quiet = quietUntil(destination.quietHours, at);
    if (quiet) {
      for (const delivery of due) await this.deliveries.hold(delivery, quiet, 'quiet_hours');
      return [];
    }
    const ready: Delivery[] = [];
    for (const delivery of due) {
      if (!waitsForDigest(destination, delivery)) ready.push(delivery);
      else await this.deliveries.hold(delivery, digestPeriodEnd(destination.digestMinutes as number, at), 'digest');
    }
    return ready;
  }

  private mayDeliver(destination: Destination, now: Date): boolean {
    if (!destination.enabled || destination.status === 'broken') return false;
    return !destination.pausedUntil || destination.pausedUntil <= now;
  }

  /** One attempt for a delivery, or for several sent as one digest; null when nothing could be claimed. */
  private async attempt(batch: readonly Delivery[], destination: Destination): Promise<Classified | null> {
    const started = new Date();
    const claimed: Array<{ delivery: Delivery; attempt: number; alert: AlertDraft }> = [];
    for (const delivery of batch) {
      const attempt = await this.deliveries.claim(delivery, started, this.options.leaseMs);
      if (attempt === null) continue;
      const alert = await this.alerts.get(delivery.alertId);
      if (alert) claimed.push({ delivery, attempt, alert });
      else await this.giveUp(delivery, 'alert_missing', attempt);
    }
    const [first] = claimed;
    if (!first) return null;
    await this.takeToken(destination.destinationId);
    const result =
      claimed.length === 1
        ? await this.sender.send(destination, first.alert, first.delivery.deliveryId, new Date())
        : await this.sender.sendDigest(
            destination,
            claimed.map((c) => c.alert),
            digestMessageId(claimed.map((c) => c.delivery)),
            new Date(),
          );
    const now = new Date();
    for (const { delivery, attempt } of claimed) {
      await this.deliveries.finish(delivery, attempt, result, this.nextState(result, attempt, now), now);
    }
    if (result.outcome === 'rate-limited') {
      await this.destinations.pauseUntil(
        destination.destinationId,
        new Date(now.getTime() + (result.retryAfterMs ?? 0)),
      );
    }
    if (result.outcome === 'permanent') {
      await this.destinations.markBroken(destination.destinationId, `${result.errorClass}: ${result.detail}`, now);
      this.logger.warn(`destination ${destination.destinationId} marked broken: ${result.errorClass}`);
    }
    return result;
  }

  /** Waits for the destination's rate limiter, right before the request so that store latency does not bunch sends. */
  private async takeToken(destinationId: string): Promise<void> {
    for (let wait = this.limiter.tryTake(destinationId, Date.now()); wait > 0;) {
      await sleep(wait);
      wait = this.limiter.tryTake(destinationId, Date.now());
    }
  }

  private nextState(
    result: Classified,
    attempt: number,
    now: Date,
  ): { status: Delivery['status']; nextAttemptAt: Date } {
    const at = (ms: number) => new Date(now.getTime() + ms);
    switch (result.outcome) {
      case 'delivered':
        return { status: 'delivered', nextAttemptAt: now };
      case 'rate-limited':
        // A 429 says nothing about this delivery: it waits as long as the receiver asked.
        return { status: 'pending', nextAttemptAt: at(result.retryAfterMs ?? 0) };
      case 'permanent':
        // The destination is broken; the delivery waits for it to be repaired.
        return { status: 'pending', nextAttemptAt: now };
      case 'retry':
        return attempt >= this.options.retry.maxAttempts
          ? { status: 'failed', nextAttemptAt: now }
          : { status: 'pending', nextAttemptAt: at(retryDelayMs(attempt, this.options.retry)) };
    }
  }

  private async giveUp(delivery: Delivery, errorClass: string, attempt: number): Promise<void> {
    const result: Classified = {
      outcome: 'permanent',
      httpStatus: null,
      errorClass,
      retryAfterMs: null,
      detail: errorClass,
    };
    await this.deliveries.finish(
      delivery,
      attempt,
      result,
      { status: 'failed', nextAttemptAt: new Date() },
      new Date(),
    );
  }
}
