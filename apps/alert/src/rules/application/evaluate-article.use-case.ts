import { Inject, Injectable } from '@nestjs/common';
import type { ArticleAnalyzedV1, InstantMatchRuleV1 } from '@media-monitor/contracts';
import { SeriesRecorder } from '../../series/series.recorder.js';
import { evaluateInstantRules } from '../domain/alert-rule.js';
import { RaiseAlertUseCase } from './raise-alert.use-case.js';
import { RULE_REPOSITORY, type RuleRepository } from './rule.repository.js';

/** Counts an analysed article into the alert service's series, then runs the instant rules on it. */
@Injectable()
export class EvaluateArticleUseCase {
  constructor(
    @Inject(RULE_REPOSITORY) private readonly rules: RuleRepository,
    private readonly series: SeriesRecorder,
    private readonly raiser: RaiseAlertUseCase,
  ) {}

  async execute(article: ArticleAnalyzedV1, now = new Date()): Promise<number> {
    await this.series.record(article);
    const scopes = [...article.topicIds, ...article.entityIds];
    if (scopes.length === 0) return 0;
    const instant = (await this.rules.enabledFor(scopes)).filter(
      (rule): rule is InstantMatchRuleV1 => rule.kind === 'instant-match',
    );
    const drafts = evaluateInstantRules(instant, article, now);
    for (const draft of drafts) await this.raiser.raise(draft);
    return drafts.length;
  }
}
