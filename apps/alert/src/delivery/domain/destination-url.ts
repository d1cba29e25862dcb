import { isIP } from 'node:net';
import { DeliveryError } from './delivery.errors.js';
import { isLoopbackAddress, isPublicAddress } from './address-policy.js';

export const SLACK_WEBHOOK_HOST = 'hooks.slack.com';

export interface UrlPolicy {
  /** Allows http:// to 127.0.0.1, ::1 or localhost (tests and the local demo only). */
  allowInsecureLoopback: boolean;
}

const isLoopbackHost = (host: string) => host === 'localhost' || isLoopbackAddress(host);

/**
 * Checks a destination URL before it is stored and again before each send: Slack only on
 * https://hooks.slack.com/services/..., webhooks only over https, no credentials in the URL, no IP
 * literal outside the public internet. Host names are checked again at connect time (DNS).
 */
export function assertSafeDestinationUrl(type: 'slack' | 'webhook', raw: string, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DeliveryError('alert.destination.invalid_url', 'the URL is not a valid absolute URL');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const testLoopback = policy.allowInsecureLoopback && isLoopbackHost(host);
  if (url.username || url.password) {
    throw new DeliveryError('alert.destination.invalid_url', 'the URL must not carry credentials');
  }
  if (url.protocol !== 'https:' && !(testLoopback && url.protocol === 'http:')) {
    throw new DeliveryError('alert.destination.insecure_url', 'the URL must use https');
  }
  if (type === 'slack' && !testLoopback) {
    if (host !== SLACK_WEBHOOK_HOST || url.port !== '' || !url.pathname.startsWith('/services/')) {
      throw new DeliveryError(
        'alert.destination.not_slack',
        `a Slack destination must be an incoming webhook on https://${SLACK_WEBHOOK_HOST}/services/...`,
      );
    }
  }
  if (isIP(host) && !isPublicAddress(host) && !testLoopback) {
    throw new DeliveryError('alert.destination.private_address', `${host} is not a public address`);
  }
  return url;
}

/** A URL shown without its secret parts: Slack and webhook URLs are credentials. */
export function maskUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const tail = url.pathname.length > 4 ? url.pathname.slice(-4) : '';
    return `${url.protocol}//${url.host}/…${tail}`;
  } catch {
    return '(invalid URL)';
  }
}
