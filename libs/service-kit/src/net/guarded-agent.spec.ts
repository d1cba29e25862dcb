import { describe, expect, it } from '@jest/globals';
import { errors } from 'undici';
import { classifyNetworkError, UnsafeAddressError } from './guarded-agent.js';

const wrapped = (cause: unknown, depth = 1): Error => {
  let error = cause as Error;
  for (let i = 0; i < depth; i++) error = new TypeError('fetch failed', { cause: error });
  return error;
};

describe('classifyNetworkError', () => {
  it('finds our refusal anywhere in the cause chain and keeps it as the cause', () => {
    const refusal = new UnsafeAddressError('feed.example resolves to 10.0.0.1');
    expect(classifyNetworkError(wrapped(refusal, 3))).toEqual({ kind: 'unsafe-address', cause: refusal });
  });

  it('calls undici timeouts and aborts timeouts', () => {
    expect(classifyNetworkError(wrapped(new errors.HeadersTimeoutError())).kind).toBe('timeout');
    expect(classifyNetworkError(wrapped(new errors.ConnectTimeoutError())).kind).toBe('timeout');
    expect(classifyNetworkError(new DOMException('The operation was aborted', 'TimeoutError')).kind).toBe('timeout');
  });

  it('calls resolver failures dns, with the resolver error as the cause', () => {
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND x.invalid'), { code: 'ENOTFOUND' });
    expect(classifyNetworkError(wrapped(dns, 2))).toEqual({ kind: 'dns', cause: dns });
    expect(classifyNetworkError(Object.assign(new Error('x'), { code: 'EAI_AGAIN' })).kind).toBe('dns');
  });

  it('calls everything else a connection failure, non-errors included', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(classifyNetworkError(wrapped(reset)).kind).toBe('connection');
    expect(classifyNetworkError('boom')).toMatchObject({ kind: 'connection', cause: { message: 'boom' } });
  });

  it('stops walking after six links (a cyclic cause cannot loop)', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    a.cause = a;
    expect(classifyNetworkError(a).kind).toBe('connection');
    const deep = wrapped(new UnsafeAddressError('deep'), 6);
    expect(classifyNetworkError(deep).kind).toBe('connection');
  });
});
