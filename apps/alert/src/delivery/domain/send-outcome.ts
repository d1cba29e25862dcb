import type { DeliveryOutcome } from '@media-monitor/contracts';

/** What came back from one HTTP attempt (or why nothing did). */
export type SendResult =
  | { kind: 'response'; status: number; body: string; retryAfter: string | null }
  | { kind: 'network'; errorClass: NetworkErrorClass; message: string };

/** `unsafe-address` is a refusal of ours, the others failures on the way. */
export type NetworkErrorClass = 'timeout' | 'connection' | 'dns' | 'unsafe-address';

export interface Classified {
  outcome: DeliveryOutcome;
  httpStatus: number | null;
  /** Stable class for logs and the dashboard: `ok`, `http_500`, `invalid_payload`, `timeout`, ... */
  errorClass: string | null;
  /** Wait asked for by the receiver (429 Retry-After), in milliseconds. */
  retryAfterMs: number | null;
  detail: string;
}

/** Slack's answers that no retry can fix: the destination is broken until someone changes it. */
export const SLACK_PERMANENT_ERRORS = new Set([
  'invalid_payload',
  'invalid_token',
  'channel_not_found',
  'channel_is_archived',
  'no_service',
  'no_service_id',
  'no_team',
  'team_disabled',
  'action_prohibited',
  'posting_to_general_channel_denied',
  'user_not_found',
  'too_many_attachments',
  'no_text',
  'invalid_blocks',
  'invalid_blocks_format',
]);

/** Default wait after a 429 without a usable Retry-After, in milliseconds. */
export const DEFAULT_RETRY_AFTER_MS = 30_000;

/** Retry-After as delay-seconds or an HTTP date, in milliseconds from `nowMs`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

const snippet = (body: string) => body.slice(0, 200);

function networkOutcome(result: Extract<SendResult, { kind: 'network' }>): Classified {
  return {
    outcome: result.errorClass === 'unsafe-address' ? 'permanent' : 'retry',
    httpStatus: null,
    errorClass: result.errorClass,
    retryAfterMs: null,
    detail: result.message,
  };
}

function common(result: Extract<SendResult, { kind: 'response' }>, nowMs: number): Classified | null {
  const base = { httpStatus: result.status, detail: snippet(result.body) };
  if (result.status === 429) {
    const retryAfterMs = parseRetryAfter(result.retryAfter, nowMs) ?? DEFAULT_RETRY_AFTER_MS;
    return { ...base, outcome: 'rate-limited', errorClass: 'rate_limited', retryAfterMs };
  }
  if (result.status >= 500 || result.status === 408) {
    return { ...base, outcome: 'retry', errorClass: `http_${result.status}`, retryAfterMs: null };
  }
  if (result.status >= 300 && result.status < 400) {
    return { ...base, outcome: 'permanent', errorClass: 'redirect', retryAfterMs: null };
  }
  return null;
}

/**
 * Slack incoming webhooks answer 200 "ok", 429 with Retry-After, 4xx with an error word in the
 * body, 5xx on their side. Permanent words break the destination; an unknown 4xx is permanent too
 * (a retry of the same request gets the same answer).
 */
export function classifySlack(result: SendResult, nowMs: number): Classified {
  if (result.kind === 'network') return networkOutcome(result);
  const shared = common(result, nowMs);
  if (shared) return shared;
  const word = result.body.trim();
  const base = { httpStatus: result.status, retryAfterMs: null, detail: snippet(result.body) };
  if (result.status >= 200 && result.status < 300) return { ...base, outcome: 'delivered', errorClass: null };
  const errorClass = SLACK_PERMANENT_ERRORS.has(word) ? word : `http_${result.status}`;
  return { ...base, outcome: 'permanent', errorClass };
}

/** Standard Webhooks receivers answer 2xx on success; 410 Gone and other 4xx are permanent. */
export function classifyWebhook(result: SendResult, nowMs: number): Classified {
  if (result.kind === 'network') return networkOutcome(result);
  const shared = common(result, nowMs);
  if (shared) return shared;
  const base = { httpStatus: result.status, retryAfterMs: null, detail: snippet(result.body) };
  if (result.status >= 200 && result.status < 300) return { ...base, outcome: 'delivered', errorClass: null };
  return { ...base, outcome: 'permanent', errorClass: `http_${result.status}` };
}
