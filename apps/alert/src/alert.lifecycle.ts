import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { DeliveryWorker } from './delivery/application/delivery.worker.js';
import { ManageDestinationsUseCase } from './management/manage-destinations.use-case.js';
import { DetectChangesUseCase } from './rules/application/detect-changes.use-case.js';
import { RaiseAlertUseCase } from './rules/application/raise-alert.use-case.js';
import { RULE_REPOSITORY, type RuleRepository } from './rules/application/rule.repository.js';
import { SEED_RULES } from './rules/domain/seed-rules.js';
import { SeriesRecorder } from './series/series.recorder.js';
import { ALERT_CONFIG } from './alert.tokens.js';
import type { AlertConfig } from './alert.config.js';

/** Alerts left unannounced or unqueued this long are taken to be a crash's leftovers, in milliseconds. */
const UNFINISHED_AFTER_MS = 60_000;

/**
 * Seeds the demo rules and the default Slack destination, then runs the detection schedule and
 * the delivery worker; on shutdown both stop after the work in hand.
 */
@Injectable()
export class AlertLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AlertLifecycle.name);
  private timer: NodeJS.Timeout | null = null;
  private detecting: Promise<void> | null = null;

  constructor(
    @Inject(ALERT_CONFIG) private readonly config: AlertConfig,
    @Inject(RULE_REPOSITORY) private readonly rules: RuleRepository,
    private readonly destinations: ManageDestinationsUseCase,
    private readonly detect: DetectChangesUseCase,
    private readonly raiser: RaiseAlertUseCase,
    private readonly worker: DeliveryWorker,
    private readonly series: SeriesRecorder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.ALERT_SEED_DEMO_RULES) await this.rules.seed(SEED_RULES);
    if (this.config.SLACK_WEBHOOK_URL) {
      await this.destinations.seed({
        destinationId: 'default-slack',
        name: 'Slack (from SLACK_WEBHOOK_URL)',
        type: 'slack',
        url: this.config.SLACK_WEBHOOK_URL,
        enabled: true,
      });
    }
    this.worker.start();
    this.timer = setInterval(() => this.tick(), this.config.ALERT_DETECTION_INTERVAL_MS);
    this.tick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.detecting;
    await this.worker.stop();
  }

  /** One detection run at a time; a slow run makes the next tick skip, not pile up. */
  private tick(): void {
    if (this.detecting) return;
    this.detecting = this.runOnce().finally(() => {
      this.detecting = null;
    });
  }

  private async runOnce(): Promise<void> {
    try {
      const now = new Date();
      await this.raiser.finishUnfinished(now, UNFINISHED_AFTER_MS);
      await this.series.prune(new Date(now.getTime() - this.config.ALERT_SERIES_RETENTION_DAYS * 86_400_000));
      const raised = await this.detect.run(now, this.config.ALERT_DETECTION_GRACE_MS);
      if (raised > 0) {
        this.logger.log(`detection raised ${raised} alert(s)`);
        this.worker.nudge();
      }
    } catch (error) {
      this.logger.error(`detection run failed, will retry: ${(error as Error).message}`);
    }
  }
}
