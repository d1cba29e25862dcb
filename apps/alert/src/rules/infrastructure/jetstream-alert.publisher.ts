import { Injectable } from '@nestjs/common';
import { AlertRaisedV1 } from '@media-monitor/contracts';
import { EventPublisher } from '@media-monitor/messaging';
import type { AlertPublisher } from '../application/alert.publisher.js';
import { toRaisedEvent, type AlertDraft } from '../domain/alert.js';

@Injectable()
export class JetStreamAlertPublisher implements AlertPublisher {
  constructor(private readonly events: EventPublisher) {}

  async publishRaised(alert: AlertDraft): Promise<void> {
    await this.events.publish(AlertRaisedV1, toRaisedEvent(alert), { msgId: `alert:${alert.alertId}` });
  }
}
