import type { AlertDraft, InstantMatchRule } from '../domain/alert-rule.js';

export const ALERT_REPOSITORY = Symbol('AlertRepository');

export interface AlertRepository {
  /** Stores the alert unless its id exists; says whether it was already announced. */
  insertIfAbsent(alert: AlertDraft): Promise<{ announced: boolean }>;
  markAnnounced(alertId: string, at: Date): Promise<void>;
  enabledRulesFor(topicIds: readonly string[]): Promise<InstantMatchRule[]>;
  seedRules(rules: readonly InstantMatchRule[]): Promise<void>;
  recent(limit: number): Promise<AlertDraft[]>;
}
