import type { AlertDraft } from '../domain/alert.js';

export const ALERT_PUBLISHER = Symbol('AlertPublisher');

export interface AlertPublisher {
  publishRaised(alert: AlertDraft): Promise<void>;
}
