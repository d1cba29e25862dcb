import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { analyseDocument } from '../document.js';
import { QueryParseError } from '../errors.js';
import { DEFAULT_QUERY_LIMITS } from '../limits.js';
import { parseQuery } from '../parser.js';
import { compileQuery } from '../query.js';

const RUNS = { numRuns: 400, seed: 1121 };

/** Pieces of the language, so that random queries reach deep into the parser, not only its first error. */
const token = fc.oneof(
  fc.constantFrom(
    'AND',
    'OR',
    'NOT',
    '-',
    '(',
    ')',
    '"',
    '«',
    '»',
    '“',
    '„',
    '=',
    '*',
    'NEAR/3',
    'near/0',
    'NEAR/99999999999',
    'title:',
    'body:',
    'lang:',
    'source:',
    'entity:',
    'TITLE:',
    'foo:',
    ':',
    'бригад*',
    'БАРС-Курск',
    'a*',
    '**',
    'Курская',
    'область',
    'company',
    '\u0000',
    '\uD800',
    '\u202e',
    '😀',
    '—',
  ),
  fc.string({ maxLength: 12 }),
);
const queryText = fc.array(token, { maxLength: 40 }).map((parts) => parts.join(' '));

/** The only failure parseQuery may have: a QueryParseError pointing inside the query. */
function parsesOrRefuses(text: string) {
  try {
    return parseQuery(text);
  } catch (error) {
    expect(error).toBeInstanceOf(QueryParseError);
    const e = error as QueryParseError;
    expect(e.code).toMatch(/^query\./);
    expect(e.position).toBeGreaterThanOrEqual(0);
    expect(e.position).toBeLessThanOrEqual(Math.max(text.length, DEFAULT_QUERY_LIMITS.maxLength));
    expect(typeof e.token).toBe('string');
    return e;
  }
}

describe('topic query language under arbitrary and hostile input (fast-check)', () => {
  it('parses or refuses with a position, for random strings and random token soups', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (text) => void parsesOrRefuses(text)),
      RUNS,
    );
    fc.assert(
      fc.property(queryText, (text) => void parsesOrRefuses(text)),
      RUNS,
    );
  });

  it('bounds nesting, length and term counts with their own codes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 33, max: 2_000 }), fc.constantFrom('(', 'NOT ', 'title:(', '-('), (depth, open) => {
        const text = `${open.repeat(depth)}a`;
        const error = parsesOrRefuses(text);
        expect(error).toBeInstanceOf(QueryParseError);
        expect(['query.too-deep', 'query.too-long', 'query.syntax']).toContain((error as QueryParseError).code);
      }),
      { numRuns: 60, seed: 1122 },
    );
    expect((parsesOrRefuses('a '.repeat(2_001)) as QueryParseError).code).toBe('query.too-long');
    expect((parsesOrRefuses(Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ')) as QueryParseError).code).toBe(
      'query.too-many-terms',
    );
  });

  it('a query that parses compiles and matches any document without throwing', () => {
    const doc = fc.record({ title: fc.string({ maxLength: 200 }), body: fc.string({ maxLength: 1_000 }) });
    fc.assert(
      fc.property(queryText, doc, (text, { title, body }) => {
        const parsed = parsesOrRefuses(text);
        if (parsed instanceof QueryParseError) return;
        let compiled;
        try {
          compiled = compileQuery(text);
        } catch (error) {
          // Entity references need a resolver: without one they are refused, as documented.
          expect(error).toBeInstanceOf(QueryParseError);
          return;
        }
        const result = compiled.match(analyseDocument({ title, body, lang: 'en', sourceId: 'fuzz' }));
        expect(typeof result.matched).toBe('boolean');
        for (const hit of result.hits) {
          expect(hit.start).toBeGreaterThanOrEqual(0);
          expect(hit.end).toBeGreaterThanOrEqual(hit.start);
        }
      }),
      RUNS,
    );
  });
});
