import { describe, expect, it } from '@jest/globals';
import { locate } from './query-help.js';

describe('locate', () => {
  it('finds the line and column of an error position', () => {
    expect(locate('(a OR b', 7)).toEqual({ line: '(a OR b', column: 7, lineNumber: 1 });
    expect(locate('a OR\nb AND OR c', 11)).toEqual({ line: 'b AND OR c', column: 6, lineNumber: 2 });
  });

  it('clamps positions outside the query', () => {
    expect(locate('abc', 99)).toEqual({ line: 'abc', column: 3, lineNumber: 1 });
    expect(locate('abc', -4)).toEqual({ line: 'abc', column: 0, lineNumber: 1 });
  });
});
