import { describe, expect, it } from '@jest/globals';
import { isQueryErrorReply, queryErrorReply } from './query-reply.js';

describe('query error replies', () => {
  it('are recognised only in their exact shape', () => {
    expect(isQueryErrorReply(queryErrorReply('query.invalid_request', 'bad'))).toBe(true);
    expect(isQueryErrorReply({ error: { code: 'x' } })).toBe(false);
    expect(isQueryErrorReply({ error: { code: 'x', message: 'm' }, points: [] })).toBe(false);
    expect(isQueryErrorReply([])).toBe(false);
    expect(isQueryErrorReply(null)).toBe(false);
  });
});
