import { describe, expect, it } from '@jest/globals';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { EncodedBody, preferredCoding } from './encoded-body.js';

describe('EncodedBody', () => {
  it('keeps the UTF-8 bytes and compresses them once per coding', async () => {
    const text = JSON.stringify({ name: 'БАРС-Курск', points: Array.from({ length: 100 }, (_, i) => ({ i })) });
    const body = new EncodedBody(text);
    expect(body.identity.toString('utf8')).toBe(text);
    const first = body.encoded('gzip');
    expect(body.encoded('gzip')).toBe(first);
    const gzipped = await first;
    expect(gunzipSync(gzipped).toString('utf8')).toBe(text);
    const brotli = await body.encoded('br');
    expect(brotliDecompressSync(brotli).toString('utf8')).toBe(text);
    expect(brotli.length).toBeLessThan(gzipped.length);
    expect(gzipped.length).toBeLessThan(body.identity.length);
  });
});

describe('preferredCoding', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['br;q=1.0, gzip;q=0.8', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['gzip, deflate', 'gzip'],
    ['*', 'br'],
    ['br;q=0, *', 'gzip'],
    ['gzip;q=0', undefined],
    ['gzip;q=0, *', 'br'],
    ['*;q=0', undefined],
    ['deflate', undefined],
    ['identity', undefined],
    ['', undefined],
  ])('%j → %s', (header, expected) => {
    expect(preferredCoding(header)).toBe(expected);
  });

  it('reads repeated headers and their absence', () => {
    expect(preferredCoding(['deflate', 'gzip'])).toBe('gzip');
    expect(preferredCoding(undefined)).toBeUndefined();
  });
});
