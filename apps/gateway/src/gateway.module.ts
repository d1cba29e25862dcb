import { Module, type DynamicModule } from '@nestjs/common';
import { AlertsController } from './alerts/alerts.controller.js';
import { ArticlesController } from './articles/articles.controller.js';
import { ApiAuthModule } from '@media-monitor/service-runtime';
import { ApiKeysController } from './auth/api-keys.controller.js';
import { DeadLettersController } from './dead-letters/dead-letters.controller.js';
import { EntitySummaryController } from './entities/entity-summary.controller.js';
import type { GatewayConfig } from './gateway.config.js';
import { GATEWAY_CONFIG } from './gateway.tokens.js';
import { LiveEventsService } from './stream/live-events.service.js';
import { StreamController } from './stream/stream.controller.js';
import { RegistryController } from './registry/registry.controller.js';
import { TopicsController } from './topics/topics.controller.js';
import { SourcesController } from './sources/sources.controller.js';
import { TrendAnswerInvalidator } from './trends/trend-answer-invalidator.service.js';
import { TrendAnswers } from './trends/trend-answers.js';
import { TrendsController } from './trends/trends.controller.js';

@Module({})
export class GatewayModule {
  static forConfig(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      // The gateway owns the key store: its own database unless API_KEYS_DB names another.
      imports: [
        ApiAuthModule.register({
          mode: config.API_AUTH,
          bootstrapKey: config.API_BOOTSTRAP_KEY,
          database: config.API_KEYS_DB,
          defaultScope: 'read',
        }),
      ],
      controllers: [
        TrendsController,
        ArticlesController,
        EntitySummaryController,
        StreamController,
        AlertsController,
        ApiKeysController,
        TopicsController,
        RegistryController,
        SourcesController,
        DeadLettersController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        LiveEventsService,
        TrendAnswers,
        TrendAnswerInvalidator,
      ],
    };
  }
}
