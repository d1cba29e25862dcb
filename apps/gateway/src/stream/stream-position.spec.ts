import { describe, expect, it } from '@jest/globals';
import { formatEventId, parseEventId, sseFrame } from './stream-position.js';

describe('SSE positions', () => {
  it('round-trips the position of both streams through the event id', () => {
    expect(parseEventId(formatEventId({ articles: 120, alerts: 7 }))).toEqual({ articles: 120, alerts: 7 });
  });

  it('ignores ids that are not ours', () => {
    for (const id of [undefined, '', 'abc', '1-', '-1', '1-2-3', '1.5-2']) expect(parseEventId(id)).toBeUndefined();
  });

  it('writes one frame per event, data on one line', () => {
    expect(sseFrame('1-0', 'article', { title: 'a\nb' })).toBe('id: 1-0\nevent: article\ndata: {"title":"a\\nb"}\n\n');
  });
});
