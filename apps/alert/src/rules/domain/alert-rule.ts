import { createHash } from 'node:crypto';
import type { ArticleAnalyzedV1 } from '@media-monitor/contracts';

/** An instant rule: alert on every analysed article of the topic whose tone is at or below a bound. */
export interface InstantMatchRule {
  ruleId: string;
  topicId: string;
  kind: 'instant-match';
  name: string;
  /** Fires only when the article's tone score is at most this (1 fires on every match). */
  maxToneScore: number;
  enabled: boolean;
}

export interface AlertDraft {
  alertId: string;
  ruleId: string;
  topicId: string;
  kind: 'instant-match';
  raisedAt: string;
  title: string;
  explanation: string;
  articleIds: string[];
}

/** One alert per rule and article: the id is derived from both, so a redelivery cannot raise it twice. */
export function alertIdFor(ruleId: string, articleId: string): string {
  return createHash('sha256').update(`${ruleId}|${articleId}`).digest('hex').slice(0, 32);
}

/** The alerts an analysed article raises under the given rules. */
export function evaluateInstantRules(
  rules: readonly InstantMatchRule[],
  article: ArticleAnalyzedV1,
  now: Date,
): AlertDraft[] {
  return rules
    .filter(
      (rule) => rule.enabled && article.topicIds.includes(rule.topicId) && article.tone.score <= rule.maxToneScore,
    )
    .map((rule) => ({
      alertId: alertIdFor(rule.ruleId, article.articleId),
      ruleId: rule.ruleId,
      topicId: rule.topicId,
      kind: rule.kind,
      raisedAt: now.toISOString(),
      title: `${rule.name}: new article from ${article.source.name ?? article.source.id}`,
      explanation:
        `Article ${article.articleId} matched topic "${rule.topicId}" with tone ${article.tone.label} ` +
        `(${article.tone.score.toFixed(2)}, rule fires at or below ${rule.maxToneScore}).`,
      articleIds: [article.articleId],
    }));
}
