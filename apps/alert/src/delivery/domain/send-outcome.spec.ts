import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_RETRY_AFTER_MS,
  classifySlack,
  classifyWebhook,
  parseRetryAfter,
  type SendResult,
} from './send-outcome.js';

const response = (status: number, body = '', retryAfter: string | null = null): SendResult => ({
  kind: 'response',
  status,
  body,
  retryAfter,
});

describe('classifySlack', () => {
  it.each([
    [response(200, 'ok'), 'delivered', null],
    [response(429, 'rate_limited', '7'), 'rate-limited', 'rate_limited'],
    [response(400, 'invalid_payload'), 'permanent', 'invalid_payload'],
    [response(404, 'channel_not_found'), 'permanent', 'channel_not_found'],
    [response(410, 'channel_is_archived'), 'permanent', 'channel_is_archived'],
    [response(403, 'action_prohibited'), 'permanent', 'action_prohibited'],
    [response(404, 'no_service'), 'permanent', 'no_service'],
    [response(400, 'something_new'), 'permanent', 'http_400'],
    [response(500, 'internal_error'), 'retry', 'http_500'],
    [response(503), 'retry', 'http_503'],
    [response(302), 'permanent', 'redirect'],
    [{ kind: 'network', errorClass: 'timeout', message: 'x' } as SendResult, 'retry', 'timeout'],
    [{ kind: 'network', errorClass: 'connection', message: 'x' } as SendResult, 'retry', 'connection'],
    [{ kind: 'network', errorClass: 'unsafe-address', message: 'x' } as SendResult, 'permanent', 'unsafe-address'],
  ])('%j -> %s', (result, outcome, errorClass) => {
    expect(classifySlack(result, 0)).toMatchObject({ outcome, errorClass });
  });

  it('takes the wait from Retry-After, or a default', () => {
    expect(classifySlack(response(429, '', '7'), 0).retryAfterMs).toBe(7000);
    expect(classifySlack(response(429, '', null), 0).retryAfterMs).toBe(DEFAULT_RETRY_AFTER_MS);
  });
});

describe('classifyWebhook', () => {
  it('treats any 2xx as delivered, 410 and other 4xx as permanent, 408 and 5xx as retryable', () => {
    expect(classifyWebhook(response(204), 0).outcome).toBe('delivered');
    expect(classifyWebhook(response(410), 0)).toMatchObject({ outcome: 'permanent', errorClass: 'http_410' });
    expect(classifyWebhook(response(408), 0).outcome).toBe('retry');
    expect(classifyWebhook(response(502), 0).outcome).toBe('retry');
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates, and ignores the unreadable', () => {
    expect(parseRetryAfter('30', 0)).toBe(30_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:00:10 GMT', Date.parse('2026-11-25T10:00:00Z'))).toBe(10_000);
    expect(parseRetryAfter('soon', 0)).toBeNull();
    expect(parseRetryAfter(null, 0)).toBeNull();
  });
});
