import { describe, expect, it } from '@jest/globals';
import { InstantMatchRuleV1, type ArticleAnalyzedV1 } from '@media-monitor/contracts';
import { alertIdFor, evaluateInstantRules } from './alert-rule.js';

const article: ArticleAnalyzedV1 = {
  articleId: 'a'.repeat(32),
  publishedAt: '2026-11-25T08:00:00.000Z',
  language: 'en',
  source: { id: 'example', name: 'Example News' },
  storyId: 'a'.repeat(32),
  topicIds: ['bars'],
  entityIds: ['unit:bars'],
  tone: { score: -0.4, label: 'negative', confidence: 0.7 },
  analyzedAt: '2026-11-25T08:00:01.000Z',
};
const rule = (over: Partial<InstantMatchRuleV1>) =>
  InstantMatchRuleV1.parse({
    ruleId: 'r1',
    name: 'BARS',
    scope: { type: 'topic', id: 'bars' },
    kind: 'instant-match',
    ...over,
  });

describe('evaluateInstantRules', () => {
  it('raises one alert per matching rule with a deterministic id', () => {
    const [alert, ...rest] = evaluateInstantRules([rule({})], article, new Date('2026-11-25T09:00:00Z'));
    expect(rest).toEqual([]);
    expect(alert?.alertId).toBe(alertIdFor('r1', 'story', article.storyId));
    expect(alert?.explanation).toContain('negative');
  });

  it('skips other scopes, disabled rules and tone above the bound', () => {
    const now = new Date();
    expect(evaluateInstantRules([rule({ scope: { type: 'topic', id: 'other' } })], article, now)).toEqual([]);
    expect(evaluateInstantRules([rule({ enabled: false })], article, now)).toEqual([]);
    expect(evaluateInstantRules([rule({ maxToneScore: -0.5 })], article, now)).toEqual([]);
  });

  it('matches entity scopes and keeps to priority sources when they are listed', () => {
    const now = new Date();
    expect(evaluateInstantRules([rule({ scope: { type: 'entity', id: 'unit:bars' } })], article, now)).toHaveLength(1);
    expect(evaluateInstantRules([rule({ sourceIds: ['wire'] })], article, now)).toEqual([]);
    expect(evaluateInstantRules([rule({ sourceIds: ['wire', 'example'] })], article, now)[0]?.explanation).toContain(
      'priority source',
    );
  });

  it('raises one alert per story: copies of a story share the alert id, other stories do not', () => {
    const rules = [rule({})];
    const now = new Date();
    const [first] = evaluateInstantRules(rules, article, now);
    const [copy] = evaluateInstantRules(rules, { ...article, articleId: 'b'.repeat(32), source: { id: 'other' } }, now);
    const [other] = evaluateInstantRules(
      rules,
      { ...article, articleId: 'c'.repeat(32), storyId: 'c'.repeat(32) },
      now,
    );
    expect(copy?.alertId).toBe(first?.alertId);
    expect(other?.alertId).not.toBe(first?.alertId);
  });
});
