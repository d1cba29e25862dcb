import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ALERT_REPOSITORY, type AlertRepository } from '../application/alert.repository.js';
import { SEED_RULES } from '../domain/seed-rules.js';

/** Creates the demo rule on first start. */
@Injectable()
export class RuleSeeder implements OnModuleInit {
  constructor(@Inject(ALERT_REPOSITORY) private readonly alerts: AlertRepository) {}

  async onModuleInit(): Promise<void> {
    await this.alerts.seedRules(SEED_RULES);
  }
}
