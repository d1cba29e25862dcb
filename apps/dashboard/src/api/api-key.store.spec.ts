import { describe, expect, it } from '@jest/globals';
import { keyFromFragment, looksLikeApiKey } from './api-key.store.js';

const KEY = `mmk_0123456789ab_${'A'.repeat(43)}`;

describe('API keys from links', () => {
  it('takes a well-formed key from the fragment', () => {
    expect(keyFromFragment(`#key=${KEY}`)).toBe(KEY);
    expect(keyFromFragment(`#tz=UTC&key=${KEY}`)).toBe(KEY);
  });

  it('ignores fragments without a key or with something else in it', () => {
    expect(keyFromFragment('')).toBeNull();
    expect(keyFromFragment('#key=')).toBeNull();
    expect(keyFromFragment('#key=<script>')).toBeNull();
    expect(looksLikeApiKey(`${KEY}x`)).toBe(false);
    expect(looksLikeApiKey(` ${KEY} `)).toBe(true);
  });
});
