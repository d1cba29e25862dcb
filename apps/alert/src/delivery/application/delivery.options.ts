import type { RetryPolicy } from '../domain/retry-policy.js';

export const DELIVERY_OPTIONS = Symbol('DeliveryOptions');

export interface DeliveryOptions {
  /** Lets destinations be http://127.0.0.1 (tests, the local demo); never in production. */
  allowInsecureLoopback: boolean;
  /** How often the worker looks for due deliveries, in milliseconds. */
  pollMs: number;
  /** Time one attempt may hold a delivery before another worker may retry it, in milliseconds. */
  leaseMs: number;
  retry: RetryPolicy;
  /** Sends per second and burst per destination. */
  ratePerSecond: number;
  burst: number;
  /** Deliveries due at once for one destination from which they are sent as digests. */
  digestBacklog: number;
  /** Builds a link to an article from its id (`{articleId}` is replaced); empty shows ids. */
  articleUrlTemplate: string;
}
