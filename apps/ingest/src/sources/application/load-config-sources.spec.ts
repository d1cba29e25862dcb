import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SourcesFileError, readSourcesFile } from './load-config-sources.js';

describe('the sources file', () => {
  it('the bundled default sources are valid: real feeds, a sitemap and Telegram channels in English and Russian', () => {
    const sources = readSourcesFile(new URL('../../../sources/default-sources.json', import.meta.url).pathname);
    expect(new Set(sources.map((s) => s.type))).toEqual(new Set(['feed', 'sitemap', 'telegram']));
    expect(new Set(sources.map((s) => s.language))).toEqual(new Set(['en', 'ru']));
    expect(sources.every((s) => s.url?.startsWith('https://'))).toBe(true);
  });

  it('refuses an invalid file with the offending entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sources-'));
    const write = (content: unknown) => {
      const path = join(dir, `${Math.random()}.json`);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    };
    expect(() => readSourcesFile(write('{ not json'))).toThrow(SourcesFileError);
    expect(() => readSourcesFile(write({ sources: [{ sourceId: 'x', type: 'feed', name: 'No URL' }] }))).toThrow(
      /sources.0.url/,
    );
    const twice = { sourceId: 'a', type: 'push', name: 'A' };
    expect(() => readSourcesFile(write({ sources: [twice, twice] }))).toThrow(/appears twice/);
    expect(() => readSourcesFile(join(dir, 'missing.json'))).toThrow(/ENOENT/);
  });
});
