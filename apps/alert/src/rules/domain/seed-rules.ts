import type { InstantMatchRule } from './alert-rule.js';

/** The demo's rule: every article about the BARS topic raises an alert. */
export const SEED_RULES: readonly InstantMatchRule[] = [
  {
    ruleId: 'bars-instant',
    topicId: 'bars',
    kind: 'instant-match',
    name: 'BARS coverage',
    maxToneScore: 1,
    enabled: true,
  },
];
