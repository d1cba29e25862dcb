import { describe, expect, it } from '@jest/globals';
import { AlertRuleV1 } from '@media-monitor/contracts';
import { checkRule, emptyRuleForm, formToDraft, ruleToForm } from './alert-rule-form.js';

describe('the alert-rule form', () => {
  it('makes a valid rule with the defaults of the contract', () => {
    const form = {
      ...emptyRuleForm({ type: 'topic', id: 'bars' }),
      ruleId: 'bars-negative',
      name: 'Negative BARS',
      values: { maxToneScore: '-0.3' },
    };
    const check = checkRule(form);
    expect(check).toEqual({
      ok: true,
      rule: {
        ruleId: 'bars-negative',
        name: 'Negative BARS',
        kind: 'instant-match',
        scope: { type: 'topic', id: 'bars' },
        enabled: true,
        destinationIds: [],
        maxToneScore: -0.3,
        sourceIds: [],
      },
    });
  });

  it('names the fields the contract refuses', () => {
    const form = {
      ...emptyRuleForm(),
      kind: 'volume' as const,
      ruleId: 'Bad Id',
      name: 'x',
      values: { minArticles: 'many', lookbackDays: '3', window: 'week' },
    };
    const check = checkRule(form);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.issues).sort()).toEqual(['lookbackDays', 'minArticles', 'ruleId', 'scopeId', 'window']);
  });

  it('reads lists and keeps an entity scope, but a new-entity rule always watches a topic', () => {
    const form = {
      ...emptyRuleForm({ type: 'entity', id: 'unit:bars-kursk' }),
      values: { sourceIds: 'tass, ria  kommersant' },
    };
    expect(formToDraft(form)).toMatchObject({
      scope: { type: 'entity', id: 'unit:bars-kursk' },
      sourceIds: ['tass', 'ria', 'kommersant'],
    });
    expect(formToDraft({ ...form, kind: 'new-entity' }).scope).toEqual({ type: 'topic', id: 'unit:bars-kursk' });
  });

  it('round-trips a stored rule through the form', () => {
    const rule = AlertRuleV1.parse({
      ruleId: 'bars-volume',
      name: 'BARS volume',
      scope: { type: 'topic', id: 'bars' },
      kind: 'volume',
    });
    const check = checkRule(ruleToForm(rule));
    expect(check).toEqual({ ok: true, rule });
  });
});
