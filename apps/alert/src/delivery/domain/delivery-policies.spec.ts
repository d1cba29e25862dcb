import { describe, expect, it } from '@jest/globals';
import { Webhook } from 'standardwebhooks';
import { quietUntil } from './quiet-hours.js';
import { RateLimiter } from './rate-limiter.js';
import { retryDelayMs } from './retry-policy.js';
import { standardWebhookHeaders } from './webhook-signature.js';

describe('RateLimiter', () => {
  it('lets the burst through, then spaces sends at the rate, per destination', () => {
    const limiter = new RateLimiter(1, 2);
    expect([limiter.tryTake('a', 0), limiter.tryTake('a', 0)]).toEqual([0, 0]);
    expect(limiter.tryTake('a', 0)).toBe(1000);
    expect(limiter.tryTake('b', 0)).toBe(0);
    expect(limiter.tryTake('a', 400)).toBe(600);
    expect(limiter.tryTake('a', 1000)).toBe(0);
    expect(limiter.tryTake('a', 1500)).toBe(500);
  });
});

describe('retryDelayMs', () => {
  const policy = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 10 };
  it('doubles per attempt with jitter between half and the whole, capped', () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(3, policy, () => 0.5)).toBe(3000);
    expect(retryDelayMs(20, policy, () => 1)).toBe(60_000);
  });
});

describe('standardWebhookHeaders', () => {
  it('signs v1,<base64 HMAC-SHA256> over id.timestamp.body, as the reference verifier checks it', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"type":"alert.raised"}';
    const now = Math.floor(Date.now() / 1000);
    const headers = standardWebhookHeaders(secret, 'msg_1', now, body);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual({ type: 'alert.raised' });
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });

  it('refuses a secret without the whsec_ prefix or too short', () => {
    expect(() => standardWebhookHeaders('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'id', 1, '')).toThrow(/whsec_/);
    expect(() => standardWebhookHeaders('whsec_c2hvcnQ=', 'id', 1, '')).toThrow(/24 bytes/);
  });
});

describe('quietUntil', () => {
  const quiet = { startHour: 22, endHour: 7, timeZone: 'UTC' };
  it('holds deliveries until the end of quiet hours, across midnight and in a time zone', () => {
    expect(quietUntil(quiet, new Date('2026-11-25T23:30:00Z'))?.toISOString()).toBe('2026-11-26T07:00:00.000Z');
    expect(quietUntil(quiet, new Date('2026-11-25T06:59:00Z'))?.toISOString()).toBe('2026-11-25T07:00:00.000Z');
    expect(quietUntil(quiet, new Date('2026-11-25T12:00:00Z'))).toBeNull();
    expect(quietUntil(undefined, new Date())).toBeNull();
    const moscow = { startHour: 22, endHour: 7, timeZone: 'Europe/Moscow' };
    expect(quietUntil(moscow, new Date('2026-11-25T20:00:00Z'))?.toISOString()).toBe('2026-11-26T04:00:00.000Z');
  });
});
