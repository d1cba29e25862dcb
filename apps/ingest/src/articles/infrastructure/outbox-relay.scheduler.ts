import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RepublishPendingUseCase } from '../application/republish-pending.use-case.js';

/** How often the relay looks for stored but unannounced articles, in milliseconds. */
const INTERVAL_MS = 10_000;
/** Articles younger than this (milliseconds) are still being published by their request. */
const GRACE_MS = 15_000;

/** Runs the outbox relay on a timer for the life of the service. */
@Injectable()
export class OutboxRelayScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly republish: RepublishPendingUseCase) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.republish
      .execute(GRACE_MS)
      .then((count) => {
        if (count > 0) this.logger.log(`outbox relay published ${count} pending article(s)`);
      })
      .catch((error: Error) => this.logger.warn(`outbox relay failed, will retry: ${error.message}`))
      .finally(() => (this.running = undefined));
    await this.running;
  }
}
