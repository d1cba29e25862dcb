import { describe, expect, it } from '@jest/globals';
import { alertFromStream, mergeFeed, parseStreamEvent } from './stream-events.js';

// The payloads as the gateway sends them: article.analyzed.v1 and alert.raised.v1.
const article = {
  articleId: 'a'.repeat(32),
  publishedAt: '2026-11-20T10:00:00Z',
  language: 'en',
  source: { id: 's', name: 'S' },
  storyId: 'a'.repeat(32),
  topicIds: ['bars'],
  entityIds: ['unit:bars-kursk'],
  tone: { score: -0.2, label: 'negative', confidence: 0.6 },
  analyzedAt: '2026-11-20T10:00:01Z',
};
const alert = {
  alertId: 'bars-instant:story:1',
  ruleId: 'bars-instant',
  topicId: 'bars',
  kind: 'instant-match',
  raisedAt: '2026-11-20T10:00:02Z',
  title: 'BARS coverage: new article from S',
  explanation: 'A new article matched.',
  articleIds: ['a'.repeat(32)],
};

describe('parseStreamEvent', () => {
  it('reads article and alert events by name', () => {
    expect(parseStreamEvent('article', JSON.stringify(article))).toEqual({ kind: 'article', article });
    expect(parseStreamEvent('alert', JSON.stringify(alert))).toEqual({ kind: 'alert', alert });
  });

  it('ignores keep-alives, unknown events, broken JSON and incomplete payloads', () => {
    expect(parseStreamEvent('message', JSON.stringify(article))).toBeUndefined();
    expect(parseStreamEvent('ping', '{}')).toBeUndefined();
    expect(parseStreamEvent('article', 'not json')).toBeUndefined();
    expect(parseStreamEvent('article', '[1,2]')).toBeUndefined();
    expect(parseStreamEvent('article', JSON.stringify({ ...article, topicIds: 'bars' }))).toBeUndefined();
    expect(parseStreamEvent('alert', JSON.stringify({ ...alert, articleIds: undefined }))).toBeUndefined();
  });
});

describe('alertFromStream', () => {
  it('shows a streamed alert like a listed one, with no deliveries yet', () => {
    const parsed = parseStreamEvent('alert', JSON.stringify(alert));
    if (parsed?.kind !== 'alert') throw new Error('not an alert');
    expect(alertFromStream(parsed.alert)).toEqual({ ...alert, details: null, deliveries: [] });
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
