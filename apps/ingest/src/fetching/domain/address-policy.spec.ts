import { describe, expect, it } from '@jest/globals';
import { AddressPolicy, parseCidrList } from './address-policy.js';

describe('address policy', () => {
  it('refuses private, loopback, link-local and mapped forms unless allowed', () => {
    const policy = new AddressPolicy();
    for (const address of [
      '10.1.2.3',
      '127.0.0.1',
      '169.254.169.254',
      '192.168.1.1',
      '172.20.0.1',
      '::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      'fd00::1',
      '100.64.0.1',
    ]) {
      expect({ address, ok: policy.mayConnect(address) }).toEqual({ address, ok: false });
    }
    expect(policy.mayConnect('93.184.215.14')).toBe(true);
    expect(policy.mayConnect('2606:4700::1111')).toBe(true);
    expect(policy.mayConnect('example.org')).toBe(false);
  });

  it('allows exactly the configured ranges', () => {
    const policy = new AddressPolicy(parseCidrList('127.0.0.0/8, ::1/128'));
    expect(policy.mayConnect('127.0.0.1')).toBe(true);
    expect(policy.mayConnect('::1')).toBe(true);
    expect(policy.mayConnect('10.0.0.1')).toBe(false);
    expect(() => parseCidrList('localhost/8')).toThrow(/not a CIDR/);
  });
});
