import { Inject, Injectable } from '@nestjs/common';
import type { AlertViewV1, DeliveryAttemptV1 } from '@media-monitor/contracts';
import { DELIVERY_REPOSITORY, type DeliveryRepository } from '../delivery/application/delivery.ports.js';
import { ALERT_REPOSITORY, type AlertRepository } from '../rules/application/alert.repository.js';

/** Recent alerts with their deliveries, and one alert's attempt log. */
@Injectable()
export class ListAlertsUseCase {
  constructor(
    @Inject(ALERT_REPOSITORY) private readonly alerts: AlertRepository,
    @Inject(DELIVERY_REPOSITORY) private readonly deliveries: DeliveryRepository,
  ) {}

  async recent(query: { limit: number; topicId?: string; before?: string }): Promise<AlertViewV1[]> {
    const alerts = await this.alerts.recent({
      limit: query.limit,
      topicId: query.topicId,
      before: query.before ? new Date(query.before) : undefined,
    });
    const deliveries = await this.deliveries.forAlerts(alerts.map((a) => a.alertId));
    return alerts.map(({ destinationIds: _d, ...alert }) => ({
      ...alert,
      deliveries: deliveries
        .filter((d) => d.alertId === alert.alertId)
        .map((d) => ({
          destinationId: d.destinationId,
          status: d.status,
          attempts: d.attempts,
          lastError: d.lastError,
          deliveredAt: d.deliveredAt?.toISOString() ?? null,
        })),
    }));
  }

  async attempts(alertId: string) {
    const deliveries = await this.deliveries.forAlerts([alertId]);
    const attempts = await this.deliveries.attemptsOf(deliveries.map((d) => d.deliveryId));
    return deliveries.map((d) => ({
      deliveryId: d.deliveryId,
      destinationId: d.destinationId,
      status: d.status,
      attempts: attempts
        .filter((a) => a.deliveryId === d.deliveryId)
        .map((a): DeliveryAttemptV1 => ({
          attempt: a.attempt,
          startedAt: a.startedAt.toISOString(),
          finishedAt: a.finishedAt?.toISOString() ?? null,
          outcome: a.outcome,
          httpStatus: a.httpStatus,
          errorClass: a.errorClass,
          response: a.response,
        })),
    }));
  }
}
