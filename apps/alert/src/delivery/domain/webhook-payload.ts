import type { AlertDraft } from '../../rules/domain/alert.js';

/** The generic webhook body, in the Standard Webhooks shape `{ type, timestamp, data }`. */
export function webhookPayload(alert: AlertDraft, timestamp: Date): string {
  const { destinationIds: _destinations, ...data } = alert;
  return JSON.stringify({ type: 'alert.raised', timestamp: timestamp.toISOString(), data });
}
