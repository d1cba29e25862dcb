import { describe, expect, it } from '@jest/globals';
import { VerifiedKeys } from './verified-keys.js';

const reader = (keyId: string) => ({ keyId, scopes: ['read' as const] });

describe('VerifiedKeys', () => {
  const make = (now: () => number) =>
    new VerifiedKeys({ validTtlMs: 1000, validMax: 2, invalidTtlMs: 100, invalidMax: 2, now });

  it('keeps outcomes until their ttl, which use does not extend', () => {
    let now = 0;
    const keys = make(() => now);
    keys.set('t1', reader('k1'));
    keys.set('bad', null);
    now = 99;
    expect(keys.get('t1')).toEqual(reader('k1'));
    expect(keys.get('bad')).toBeNull();
    now = 100;
    expect(keys.get('bad')).toBeUndefined();
    now = 999;
    expect(keys.get('t1')).toEqual(reader('k1'));
    now = 1000;
    expect(keys.get('t1')).toBeUndefined();
    expect(keys.size).toEqual({ valid: 0, invalid: 0 });
  });

  it('drops the least recently used valid key when full', () => {
    const keys = make(() => 0);
    keys.set('t1', reader('k1'));
    keys.set('t2', reader('k2'));
    keys.get('t1');
    keys.set('t3', reader('k3'));
    expect(keys.get('t2')).toBeUndefined();
    expect(keys.get('t1')).toEqual(reader('k1'));
    expect(keys.get('t3')).toEqual(reader('k3'));
  });

  it('a flood of invalid keys never evicts valid ones', () => {
    const keys = make(() => 0);
    keys.set('t1', reader('k1'));
    for (let i = 0; i < 100; i += 1) keys.set(`made-up-${i}`, null);
    expect(keys.size).toEqual({ valid: 1, invalid: 2 });
    expect(keys.get('t1')).toEqual(reader('k1'));
  });

  it('forgets every token of a revoked key, and an outcome replaces the other kind', () => {
    const keys = make(() => 0);
    keys.set('t1', reader('k1'));
    keys.set('t2', reader('k2'));
    keys.forgetKey('k1');
    expect(keys.get('t1')).toBeUndefined();
    expect(keys.get('t2')).toEqual(reader('k2'));
    keys.set('t2', null);
    expect(keys.get('t2')).toBeNull();
    expect(keys.size).toEqual({ valid: 0, invalid: 1 });
  });
});
