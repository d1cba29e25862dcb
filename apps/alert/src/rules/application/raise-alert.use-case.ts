import { Inject, Injectable } from '@nestjs/common';
import {
  DELIVERY_REPOSITORY,
  DESTINATION_REPOSITORY,
  type DeliveryRepository,
  type DestinationRepository,
} from '../../delivery/application/delivery.ports.js';
import type { AlertDraft } from '../domain/alert.js';
import { ALERT_PUBLISHER, type AlertPublisher } from './alert.publisher.js';
import { ALERT_REPOSITORY, type AlertRepository } from './alert.repository.js';

/**
 * Stores an alert once, then puts one delivery per destination in the outbox and announces it
 * on JetStream. Each step is idempotent and flagged, so a crash in between is finished by
 * `finishUnfinished` (or by the redelivery that raises the same alert id again).
 */
@Injectable()
export class RaiseAlertUseCase {
  constructor(
    @Inject(ALERT_REPOSITORY) private readonly alerts: AlertRepository,
    @Inject(ALERT_PUBLISHER) private readonly publisher: AlertPublisher,
    @Inject(DELIVERY_REPOSITORY) private readonly deliveries: DeliveryRepository,
    @Inject(DESTINATION_REPOSITORY) private readonly destinations: DestinationRepository,
  ) {}

  /** Answers true when this call stored the alert (false: it existed). */
  async raise(alert: AlertDraft): Promise<boolean> {
    const state = await this.alerts.insertIfAbsent(alert);
    await this.complete(alert, state);
    return !state.announced && !state.enqueued;
  }

  /** Completes alerts older than `olderThanMs` that a crash left unannounced or unqueued. */
  async finishUnfinished(now: Date, olderThanMs: number): Promise<number> {
    const pending = await this.alerts.unfinished(new Date(now.getTime() - olderThanMs), 100);
    for (const alert of pending) await this.raise(alert);
    return pending.length;
  }

  private async complete(alert: AlertDraft, state: { announced: boolean; enqueued: boolean }): Promise<void> {
    if (!state.enqueued) {
      const targets =
        alert.destinationIds.length > 0
          ? alert.destinationIds
          : (await this.destinations.all()).map((destination) => destination.destinationId);
      await this.deliveries.enqueue(alert.alertId, targets, new Date());
      await this.alerts.markEnqueued(alert.alertId, new Date());
    }
    if (!state.announced) {
      await this.publisher.publishRaised(alert);
      await this.alerts.markAnnounced(alert.alertId, new Date());
    }
  }
}
