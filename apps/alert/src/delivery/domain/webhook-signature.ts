import { createHmac } from 'node:crypto';
import { DeliveryError } from './delivery.errors.js';

const PREFIX = 'whsec_';

/** The secret's key bytes: Standard Webhooks secrets are `whsec_` + base64. */
export function secretKey(secret: string): Buffer {
  if (!secret.startsWith(PREFIX))
    throw new DeliveryError('alert.destination.invalid_secret', 'secret must start with whsec_');
  const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
  if (key.length < 24)
    throw new DeliveryError('alert.destination.invalid_secret', 'secret must hold at least 24 bytes');
  return key;
}

/**
 * The Standard Webhooks headers: `webhook-signature` is `v1,` + base64 HMAC-SHA256 of
 * `<webhook-id>.<webhook-timestamp>.<body>` under the secret's bytes; the timestamp is in seconds.
 */
export function standardWebhookHeaders(
  secret: string,
  messageId: string,
  timestampSeconds: number,
  body: string,
): Record<string, string> {
  const signature = createHmac('sha256', secretKey(secret))
    .update(`${messageId}.${timestampSeconds}.${body}`)
    .digest('base64');
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': `v1,${signature}`,
  };
}
