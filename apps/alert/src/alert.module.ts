import { Module, type DynamicModule } from '@nestjs/common';
import type { AlertConfig } from './alert.config.js';
import { AlertLifecycle } from './alert.lifecycle.js';
import { ALERT_CONFIG } from './alert.tokens.js';
import {
  ALERT_SOURCE,
  DELIVERY_REPOSITORY,
  DESTINATION_REPOSITORY,
  HTTP_SENDER,
} from './delivery/application/delivery.ports.js';
import { DELIVERY_OPTIONS, type DeliveryOptions } from './delivery/application/delivery.options.js';
import { DeliveryWorker } from './delivery/application/delivery.worker.js';
import { DestinationSender } from './delivery/application/destination.sender.js';
import { DEFAULT_RETRY_POLICY } from './delivery/domain/retry-policy.js';
import { MongoDeliveryRepository } from './delivery/infrastructure/mongo-delivery.repository.js';
import { MongoDestinationRepository } from './delivery/infrastructure/mongo-destination.repository.js';
import { UndiciHttpSender } from './delivery/infrastructure/undici-http.sender.js';
import { AlertManagementResponder } from './management/alert-management.responder.js';
import { ListAlertsUseCase } from './management/list-alerts.use-case.js';
import { ManageDestinationsUseCase } from './management/manage-destinations.use-case.js';
import { ALERT_PUBLISHER } from './rules/application/alert.publisher.js';
import { ALERT_REPOSITORY } from './rules/application/alert.repository.js';
import { DetectChangesUseCase } from './rules/application/detect-changes.use-case.js';
import { EvaluateArticleUseCase } from './rules/application/evaluate-article.use-case.js';
import { RaiseAlertUseCase } from './rules/application/raise-alert.use-case.js';
import { RULE_REPOSITORY } from './rules/application/rule.repository.js';
import { AnalyzedArticleHandler } from './rules/infrastructure/analyzed-article.handler.js';
import { JetStreamAlertPublisher } from './rules/infrastructure/jetstream-alert.publisher.js';
import { MongoAlertRepository } from './rules/infrastructure/mongo-alert.repository.js';
import { MongoRuleRepository } from './rules/infrastructure/mongo-rule.repository.js';
import { SeriesReader } from './series/series.reader.js';
import { SeriesRecorder } from './series/series.recorder.js';

export function deliveryOptionsFrom(config: AlertConfig): DeliveryOptions {
  return {
    allowInsecureLoopback: config.ALERT_ALLOW_INSECURE_WEBHOOKS,
    pollMs: config.ALERT_DELIVERY_POLL_MS,
    // An attempt holds its delivery a little longer than the request may take.
    leaseMs: config.ALERT_DELIVERY_TIMEOUT_MS * 2 + 1_000,
    retry: {
      ...DEFAULT_RETRY_POLICY,
      baseDelayMs: config.ALERT_DELIVERY_RETRY_BASE_MS,
      maxAttempts: config.ALERT_DELIVERY_MAX_ATTEMPTS,
    },
    ratePerSecond: config.ALERT_DELIVERY_RATE_PER_SECOND,
    burst: config.ALERT_DELIVERY_BURST,
    digestBacklog: config.ALERT_DIGEST_BACKLOG,
    articleUrlTemplate: config.ALERT_ARTICLE_URL_TEMPLATE,
  };
}

/** Answers the service's read model, rules, detection, the outbox and its worker, and management queries. */
@Module({})
export class AlertModule {
  static register(config: AlertConfig): DynamicModule {
    return {
      module: AlertModule,
      controllers: [AnalyzedArticleHandler, AlertManagementResponder],
      providers: [
        { provide: ALERT_CONFIG, useValue: config },
        { provide: DELIVERY_OPTIONS, useValue: deliveryOptionsFrom(config) },
        {
          provide: HTTP_SENDER,
          useFactory: () =>
            new UndiciHttpSender({ timeoutMs: config.ALERT_DELIVERY_TIMEOUT_MS, maxResponseBytes: 64 * 1024 }),
        },
        { provide: ALERT_REPOSITORY, useClass: MongoAlertRepository },
        { provide: ALERT_SOURCE, useExisting: ALERT_REPOSITORY },
        { provide: RULE_REPOSITORY, useClass: MongoRuleRepository },
        { provide: ALERT_PUBLISHER, useClass: JetStreamAlertPublisher },
        { provide: DELIVERY_REPOSITORY, useClass: MongoDeliveryRepository },
        { provide: DESTINATION_REPOSITORY, useClass: MongoDestinationRepository },
        SeriesRecorder,
        SeriesReader,
        EvaluateArticleUseCase,
        RaiseAlertUseCase,
        DetectChangesUseCase,
        DestinationSender,
        DeliveryWorker,
        ManageDestinationsUseCase,
        ListAlertsUseCase,
        AlertLifecycle,
      ],
    };
  }
}
