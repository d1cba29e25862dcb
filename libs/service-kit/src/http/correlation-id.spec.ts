import { describe, expect, it } from '@jest/globals';
import { correlationIdFrom } from './correlation-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('correlationIdFrom', () => {
  it('keeps an acceptable caller id', () => {
    expect(correlationIdFrom('req-1.a:b_C')).toBe('req-1.a:b_C');
    expect(correlationIdFrom(['first', 'second'])).toBe('first');
  });

  it('generates a UUID when the id is missing, too long or unsafe', () => {
    expect(correlationIdFrom(undefined)).toMatch(UUID);
    expect(correlationIdFrom('')).toMatch(UUID);
    expect(correlationIdFrom('x'.repeat(129))).toMatch(UUID);
    expect(correlationIdFrom('bad id\n{"forged":1}')).toMatch(UUID);
    expect(correlationIdFrom(undefined)).not.toBe(correlationIdFrom(undefined));
  });
});
