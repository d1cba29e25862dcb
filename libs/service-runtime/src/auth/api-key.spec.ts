import { describe, expect, it } from '@jest/globals';
import { grants, issueApiKey, parseApiKey, sameHash } from './api-key.js';

describe('API keys', () => {
  it('parses an issued key back to its id and the hash of its secret', () => {
    const issued = issueApiKey();
    const parsed = parseApiKey(issued.token);
    expect(parsed?.id).toBe(issued.id);
    expect(sameHash(parsed!.hash, issued.hash)).toBe(true);
    expect(sameHash(parseApiKey(issueApiKey().token)!.hash, issued.hash)).toBe(false);
    expect(parseApiKey(`${issued.token}x`)).toBeUndefined();
  });

  it('grants a scope to keys that hold it or admin, and nothing else', () => {
    expect(grants(['ingest'], 'ingest')).toBe(true);
    expect(grants(['admin'], 'ingest')).toBe(true);
    expect(grants(['admin'], 'read')).toBe(true);
    expect(grants(['read'], 'ingest')).toBe(false);
    expect(grants(['ingest'], 'read')).toBe(false);
    expect(grants(['ingest', 'read'], 'admin')).toBe(false);
  });
});
