import type { AlertDraft } from '../domain/alert.js';

export const ALERT_REPOSITORY = Symbol('AlertRepository');

/** How far an alert got: announced on JetStream, queued for delivery. */
export interface AlertState {
  announced: boolean;
  enqueued: boolean;
}

export interface AlertRepository {
  /** Stores the alert unless its id exists; says how far it got. */
  insertIfAbsent(alert: AlertDraft): Promise<AlertState>;
  markAnnounced(alertId: string, at: Date): Promise<void>;
  markEnqueued(alertId: string, at: Date): Promise<void>;
  /** Alerts raised before the time that are not yet announced or enqueued (a crash in between). */
  unfinished(raisedBefore: Date, limit: number): Promise<AlertDraft[]>;
  get(alertId: string): Promise<AlertDraft | null>;
  lastRaisedAt(ruleId: string, kind: AlertDraft['kind']): Promise<Date | null>;
  recent(query: { limit: number; topicId?: string; before?: Date }): Promise<AlertDraft[]>;
}
