import { createHash } from 'node:crypto';
import type { ArticleAnalyzedV1, InstantMatchRuleV1 } from '@media-monitor/contracts';
import type { AlertDraft } from './alert.js';

/** A deterministic alert id from its parts: a re-run, a redelivery or a second replica derives the same one. */
export function alertIdFor(...parts: string[]): string {
  return createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 32);
}

const inScope = (rule: InstantMatchRuleV1, article: ArticleAnalyzedV1) =>
  rule.scope.type === 'topic' ? article.topicIds.includes(rule.scope.id) : article.entityIds.includes(rule.scope.id);

/**
 * The alerts an analysed article raises under instant rules: one per rule and story, so the
 * copies of a wire story carried by many outlets raise one alert (the first copy's).
 */
export function evaluateInstantRules(
  rules: readonly InstantMatchRuleV1[],
  article: ArticleAnalyzedV1,
  now: Date,
): AlertDraft[] {
  return rules
    .filter(
      (rule) =>
        rule.enabled &&
        inScope(rule, article) &&
        article.tone.score <= rule.maxToneScore &&
        (rule.sourceIds.length === 0 || rule.sourceIds.includes(article.source.id)),
    )
    .map((rule) => ({
      alertId: alertIdFor(rule.ruleId, 'story', article.storyId),
      ruleId: rule.ruleId,
      topicId: rule.scope.id,
      kind: 'instant-match' as const,
      raisedAt: now.toISOString(),
      title: `${rule.name}: new article from ${article.source.name ?? article.source.id}`,
      explanation:
        `Article ${article.articleId} matched ${rule.scope.type} "${rule.scope.id}"` +
        `${rule.sourceIds.length > 0 ? ' from a priority source' : ''} with tone ${article.tone.label} ` +
        `(${article.tone.score.toFixed(2)}, rule fires at or below ${rule.maxToneScore}).`,
      articleIds: [article.articleId],
      details: null,
      destinationIds: rule.destinationIds,
    }));
}
