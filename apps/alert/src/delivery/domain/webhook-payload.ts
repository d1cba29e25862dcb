import type { AlertDraft } from '../../rules/domain/alert.js';

const alertData = ({ destinationIds: _destinations, ...data }: AlertDraft) => data;

/** The generic webhook body, in the Standard Webhooks shape `{ type, timestamp, data }`. */
export function webhookPayload(alert: AlertDraft, timestamp: Date): string {
  return JSON.stringify({ type: 'alert.raised', timestamp: timestamp.toISOString(), data: alertData(alert) });
}

/** The body of a digest: several alerts in one `alert.digest` message. */
export function webhookDigestPayload(alerts: readonly AlertDraft[], timestamp: Date): string {
  return JSON.stringify({
    type: 'alert.digest',
    timestamp: timestamp.toISOString(),
    data: { alerts: alerts.map(alertData) },
  });
}
