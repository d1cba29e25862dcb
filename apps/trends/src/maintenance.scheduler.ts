import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RecordAnalysisUseCase } from './aggregation/application/record-analysis.use-case.js';
import { TopicVersionsUseCase } from './topics/application/topic-versions.use-case.js';
import type { TrendsConfig } from './trends.config.js';
import { TRENDS_CONFIG } from './trends.tokens.js';

/**
 * Background jobs of the trends service: the sweeper of `inflight` entries left by a crash after
 * an article's sets were marked counted, and the clean-up of superseded or deleted topic versions.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MaintenanceScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly record: RecordAnalysisUseCase,
    private readonly topics: TopicVersionsUseCase,
    @Inject(TRENDS_CONFIG) private readonly config: TrendsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.TRENDS_MAINTENANCE_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round of both jobs (also called by tests). */
  async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        const swept = await this.record.sweep();
        if (swept > 0) this.logger.log(`released the inflight entries of ${swept} article(s)`);
        await this.topics.cleanUp();
      } catch (error) {
        this.logger.warn(`maintenance failed, will retry: ${(error as Error).message}`);
      }
    })().finally(() => (this.running = undefined));
    return this.running;
  }
}
