import { describe, expect, it } from '@jest/globals';
import { errors } from '@nats-io/transport-node';
import { retryDelayMs } from './retry-backoff.js';
import { isTransientNatsError } from './transient-error.js';

describe('retryDelayMs', () => {
  it('is exponential from the base and capped, before jitter', () => {
    const options = { baseMs: 100, maxMs: 1_000, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, options))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('adds at most the jitter fraction', () => {
    expect(retryDelayMs(1, { baseMs: 100, maxMs: 1_000, jitter: 0.5 }, () => 1)).toBe(150);
  });
});

describe('isTransientNatsError', () => {
  it('accepts timeouts, no responders, 503 and disconnect-cut requests', () => {
    expect(isTransientNatsError(new errors.TimeoutError())).toBe(true);
    expect(isTransientNatsError(new errors.RequestError('x', { cause: new errors.NoRespondersError('s') }))).toBe(true);
    expect(isTransientNatsError(new errors.RequestError('connection disconnected'))).toBe(true);
    expect(
      isTransientNatsError(Object.assign(new Error('jetstream is not enabled'), { name: 'JetStreamNotEnabled' })),
    ).toBe(true);
    expect(isTransientNatsError({ name: 'JetStreamApiError', status: 503, message: 'unavailable' })).toBe(true);
  });

  it('rejects closed connections, permissions and ordinary errors', () => {
    expect(isTransientNatsError(new errors.ClosedConnectionError())).toBe(false);
    expect(isTransientNatsError(new errors.PermissionViolationError('denied', 'publish', 'x'))).toBe(false);
    expect(isTransientNatsError(new Error('boom'))).toBe(false);
    expect(isTransientNatsError(undefined)).toBe(false);
  });
});
