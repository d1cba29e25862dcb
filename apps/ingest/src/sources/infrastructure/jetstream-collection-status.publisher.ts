import { Injectable } from '@nestjs/common';
import { CollectionStatusV1 } from '@media-monitor/contracts';
import { EventPublisher } from '@media-monitor/messaging';
import type { CollectionStatusPublisher } from '../application/collection-status.publisher.js';
import type { CollectionGapReport } from '../domain/collection-gap.js';

@Injectable()
export class JetStreamCollectionStatusPublisher implements CollectionStatusPublisher {
  constructor(private readonly events: EventPublisher) {}

  async publishGap(report: CollectionGapReport, reportedAt: Date): Promise<void> {
    const event: CollectionStatusV1 = {
      sourceId: report.sourceId,
      from: report.from.toISOString(),
      to: report.to.toISOString(),
      status: report.status,
      reason: report.reason,
      reportedAt: reportedAt.toISOString(),
    };
    await this.events.publish(CollectionStatusV1, event, {
      msgId: `collection:${event.sourceId}:${event.from}:${event.to}:${event.status}`,
    });
  }
}
