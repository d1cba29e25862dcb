import { describe, expect, it } from '@jest/globals';
import { errorDetails, isQueryErrorReply, queryErrorReply } from './query-reply.js';

describe('query error replies', () => {
  it('are recognised only in their exact shape', () => {
    expect(isQueryErrorReply(queryErrorReply('query.invalid_request', 'bad'))).toBe(true);
    expect(isQueryErrorReply(queryErrorReply('topic.invalid_query', 'bad', { position: 3 }))).toBe(true);
    expect(isQueryErrorReply({ error: { code: 'x', message: 'm', details: 'no' } })).toBe(false);
    expect(isQueryErrorReply({ error: { code: 'x' } })).toBe(false);
    expect(isQueryErrorReply({ error: { code: 'x', message: 'm' }, points: [] })).toBe(false);
    expect(isQueryErrorReply([])).toBe(false);
    expect(isQueryErrorReply(null)).toBe(false);
  });

  it('take details only from a plain object on the error', () => {
    expect(errorDetails(Object.assign(new Error('x'), { details: { position: 7 } }))).toEqual({ position: 7 });
    expect(errorDetails(Object.assign(new Error('x'), { details: [1] }))).toBeUndefined();
    expect(errorDetails(new Error('x'))).toBeUndefined();
  });
});
