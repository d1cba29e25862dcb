import { AlertRuleV1 } from '@media-monitor/contracts';

/** The demo's rules on the BARS topic: every article, and volume changes of the day against the past 14. */
export const SEED_RULES: readonly AlertRuleV1[] = [
  { ruleId: 'bars-instant', name: 'BARS coverage', scope: { type: 'topic', id: 'bars' }, kind: 'instant-match' },
  { ruleId: 'bars-volume', name: 'BARS volume', scope: { type: 'topic', id: 'bars' }, kind: 'volume' },
  { ruleId: 'bars-tone', name: 'BARS tone', scope: { type: 'topic', id: 'bars' }, kind: 'tone-shift' },
  { ruleId: 'bars-new-entity', name: 'BARS new names', scope: { type: 'topic', id: 'bars' }, kind: 'new-entity' },
].map((rule) => AlertRuleV1.parse(rule));
