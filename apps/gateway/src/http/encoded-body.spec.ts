import { describe, expect, it } from '@jest/globals';
import { gunzipSync } from 'node:zlib';
import { EncodedBody, acceptsGzip } from './encoded-body.js';

describe('EncodedBody', () => {
  it('keeps the UTF-8 bytes and compresses them once', async () => {
    const text = JSON.stringify({ name: 'БАРС-Курск', points: Array.from({ length: 100 }, (_, i) => ({ i })) });
    const body = new EncodedBody(text);
    expect(body.identity.toString('utf8')).toBe(text);
    const first = body.gzip();
    expect(body.gzip()).toBe(first);
    const gzipped = await first;
    expect(gunzipSync(gzipped).toString('utf8')).toBe(text);
    expect(gzipped.length).toBeLessThan(body.identity.length);
  });
});

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['GZIP', true],
    ['*', true],
    ['gzip;q=0', false],
    ['gzip;q=0, *', false],
    ['*;q=0', false],
    ['deflate, br', false],
    ['identity', false],
    ['', false],
  ])('%j → %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });

  it('reads repeated headers and their absence', () => {
    expect(acceptsGzip(['br', 'gzip'])).toBe(true);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
