import { describe, expect, it } from '@jest/globals';
import { mergeFeed, parseStreamEvent } from './stream-events.js';

const article = {
  articleId: 'a'.repeat(32),
  title: 'BARS',
  url: 'https://x.org',
  source: { id: 's' },
  publishedAt: '2026-11-20T10:00:00Z',
};
const alert = { alertId: 'bars-instant:story:1', title: 'BARS coverage', ruleId: 'bars-instant' };

describe('parseStreamEvent', () => {
  it('reads article and alert events by name, bare or wrapped', () => {
    expect(parseStreamEvent('article', JSON.stringify(article))).toEqual({ kind: 'article', article });
    expect(parseStreamEvent('article', JSON.stringify({ article }))).toEqual({ kind: 'article', article });
    expect(parseStreamEvent('alert', JSON.stringify({ alert }))).toEqual({ kind: 'alert', alert });
  });

  it('reads unnamed events by their type field', () => {
    expect(parseStreamEvent('message', JSON.stringify({ type: 'alert.raised.v1', alert }))).toMatchObject({
      kind: 'alert',
    });
  });

  it('ignores keep-alives, unknown events, broken JSON and incomplete payloads', () => {
    expect(parseStreamEvent('ping', '{}')).toBeUndefined();
    expect(parseStreamEvent('article', 'not json')).toBeUndefined();
    expect(parseStreamEvent('article', '[1,2]')).toBeUndefined();
    expect(parseStreamEvent('article', JSON.stringify({ articleId: 1 }))).toBeUndefined();
  });
});

describe('mergeFeed', () => {
  it('puts fresh items first, drops repeats and keeps the limit', () => {
    const id = (x: { id: string }) => x.id;
    const merged = mergeFeed([{ id: 'b' }, { id: 'a' }], [{ id: 'c' }, { id: 'b' }], id, 3);
    expect(merged.map(id)).toEqual(['c', 'b', 'a']);
    expect(mergeFeed(merged, [{ id: 'd' }], id, 2).map(id)).toEqual(['d', 'c']);
  });
});
