import { Inject, Injectable } from '@nestjs/common';
import type { ArticleAnalyzedV1 } from '@media-monitor/contracts';
import { evaluateInstantRules } from '../domain/alert-rule.js';
import { ALERT_PUBLISHER, type AlertPublisher } from './alert.publisher.js';
import { ALERT_REPOSITORY, type AlertRepository } from './alert.repository.js';

/** Runs the instant rules on an analysed article; stores, then announces, each alert once. */
@Injectable()
export class EvaluateArticleUseCase {
  constructor(
    @Inject(ALERT_REPOSITORY) private readonly alerts: AlertRepository,
    @Inject(ALERT_PUBLISHER) private readonly publisher: AlertPublisher,
  ) {}

  async execute(article: ArticleAnalyzedV1, now = new Date()): Promise<number> {
    if (article.topicIds.length === 0) return 0;
    const rules = await this.alerts.enabledRulesFor(article.topicIds);
    const drafts = evaluateInstantRules(rules, article, now);
    for (const draft of drafts) {
      const stored = await this.alerts.insertIfAbsent(draft);
      if (stored.announced) continue;
      await this.publisher.publishRaised(draft);
      await this.alerts.markAnnounced(draft.alertId, new Date());
    }
    return drafts.length;
  }
}
