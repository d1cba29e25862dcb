import { describe, expect, it } from '@jest/globals';
import type { ArticleAnalyzedV1 } from '@media-monitor/contracts';
import { alertIdFor, evaluateInstantRules, type InstantMatchRule } from './alert-rule.js';

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
const rule = (over: Partial<InstantMatchRule>): InstantMatchRule => ({
  ruleId: 'r1',
  topicId: 'bars',
  kind: 'instant-match',
  name: 'BARS',
  maxToneScore: 1,
  enabled: true,
  ...over,
});

describe('evaluateInstantRules', () => {
  it('raises one alert per matching rule with a deterministic id', () => {
    const [alert, ...rest] = evaluateInstantRules([rule({})], article, new Date('2026-11-25T09:00:00Z'));
    expect(rest).toEqual([]);
    expect(alert?.alertId).toBe(alertIdFor('r1', article.articleId));
    expect(alert?.explanation).toContain('negative');
  });

  it('skips other topics, disabled rules and tone above the bound', () => {
    const now = new Date();
    expect(evaluateInstantRules([rule({ topicId: 'other' })], article, now)).toEqual([]);
    expect(evaluateInstantRules([rule({ enabled: false })], article, now)).toEqual([]);
    expect(evaluateInstantRules([rule({ maxToneScore: -0.5 })], article, now)).toEqual([]);
  });
});
