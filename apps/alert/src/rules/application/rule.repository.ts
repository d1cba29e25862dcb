import type { AlertRuleV1 } from '@media-monitor/contracts';

export const RULE_REPOSITORY = Symbol('RuleRepository');

export interface RuleRepository {
  list(scopeId?: string): Promise<AlertRuleV1[]>;
  /** Enabled rules whose scope is one of the ids (topics or entities). */
  enabledFor(scopeIds: readonly string[]): Promise<AlertRuleV1[]>;
  enabled(): Promise<AlertRuleV1[]>;
  save(rule: AlertRuleV1): Promise<{ created: boolean }>;
  /** Adds the rules that do not exist yet (demo rules); never overwrites a user's change. */
  seed(rules: readonly AlertRuleV1[]): Promise<void>;
  delete(ruleId: string): Promise<boolean>;
}
