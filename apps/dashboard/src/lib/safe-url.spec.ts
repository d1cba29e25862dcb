import { describe, expect, it } from '@jest/globals';
import { safeHttpUrl, segment, withQuery } from './safe-url.js';

describe('safeHttpUrl', () => {
  it('keeps http and https links', () => {
    expect(safeHttpUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(safeHttpUrl('http://example.org')).toBe('http://example.org/');
  });

  it('refuses script, data and relative links and non-strings', () => {
    for (const url of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<script>x</script>',
      '/relative',
      'vbscript:x',
      42,
      null,
    ]) {
      expect({ url, safe: safeHttpUrl(url) }).toEqual({ url, safe: null });
    }
  });
});

describe('withQuery and segment', () => {
  it('leaves out empty values and escapes the rest', () => {
    expect(withQuery('/v1/alerts', { limit: 20, topicId: undefined, before: '' })).toBe('/v1/alerts?limit=20');
    expect(withQuery('/v1/x', { tz: 'Europe/Moscow', q: 'a&b' })).toBe('/v1/x?tz=Europe%2FMoscow&q=a%26b');
    expect(withQuery('/v1/x')).toBe('/v1/x');
  });

  it('escapes path segments but keeps the colon of entity ids', () => {
    expect(segment('unit:bars-kursk')).toBe('unit:bars-kursk');
    expect(segment('../admin')).toBe('..%2Fadmin');
    expect(segment('per:иван')).toBe('per:%D0%B8%D0%B2%D0%B0%D0%BD');
  });
});
