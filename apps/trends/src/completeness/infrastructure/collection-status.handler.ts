import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnEvent } from '@media-monitor/messaging';
import { CollectionStatusV1 } from '@media-monitor/contracts';
import { CompletenessUseCase } from '../application/completeness.use-case.js';

/** ingest.collection-status.v1 on the trends-collection consumer: the gaps that make buckets incomplete. */
@Controller()
export class CollectionStatusHandler {
  constructor(private readonly completeness: CompletenessUseCase) {}

  @OnEvent(CollectionStatusV1)
  async status(@Payload() event: CollectionStatusV1): Promise<void> {
    await this.completeness.recordStatus(event);
  }
}
