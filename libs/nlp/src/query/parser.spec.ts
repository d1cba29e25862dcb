import { describe, expect, it } from '@jest/globals';
import type { QueryNode } from './ast.js';
import { QueryParseError } from './errors.js';
import { parseQuery } from './parser.js';

/** The tree as an S-expression, so expectations read like the grammar. */
function show(node: QueryNode): string {
  switch (node.kind) {
    case 'term':
      return (node.exact ? '=' : '') + node.text + (node.prefix ? '*' : '');
    case 'phrase':
      return `${node.exact ? '=' : ''}"${node.text}"`;
    case 'near':
      return `(near/${node.distance} ${show(node.left)} ${show(node.right)})`;
    case 'and':
    case 'or':
      return `(${node.kind} ${node.children.map(show).join(' ')})`;
    case 'not':
      return `(not ${show(node.child)})`;
    case 'field':
      return `${node.field}:${show(node.child)}`;
    case 'lang':
      return `lang:${node.value}`;
    case 'source':
      return `source:${node.value}${node.prefix ? '*' : ''}`;
    case 'entity':
      return `entity:${node.ref}`;
  }
}

const parsed = (query: string) => show(parseQuery(query));

function parseError(query: string, limits = {}): QueryParseError {
  try {
    parseQuery(query, limits);
  } catch (error) {
    if (error instanceof QueryParseError) return error;
    throw error;
  }
  throw new Error(`expected '${query}' to fail`);
}

describe('parseQuery: operators and precedence', () => {
  it('joins adjacent operands with an implicit AND', () => {
    expect(parsed('БАРС Курск')).toBe('(and БАРС Курск)');
    expect(parsed('a b AND c')).toBe('(and a b c)');
  });

  it('binds AND tighter than OR', () => {
    expect(parsed('a OR b AND c')).toBe('(or a (and b c))');
    expect(parsed('a AND b OR c')).toBe('(or (and a b) c)');
    expect(parsed('a b OR c d')).toBe('(or (and a b) (and c d))');
  });

  it('binds NOT tighter than AND, and accepts -word for NOT', () => {
    expect(parsed('NOT a b')).toBe('(and (not a) b)');
    expect(parsed('a -b OR c')).toBe('(or (and a (not b)) c)');
    expect(parsed('a NOT NOT b')).toBe('(and a (not (not b)))');
    expect(parsed('a -(b OR c)')).toBe('(and a (not (or b c)))');
  });

  it('groups with nested parentheses', () => {
    expect(parsed('(a OR b) (c OR (d AND -e))')).toBe('(and (or a b) (or c (and d (not e))))');
    expect(parsed('((a))')).toBe('a');
  });

  it('treats lower-case and, or, not, near as words', () => {
    expect(parsed('rock and roll')).toBe('(and rock and roll)');
    expect(parsed('near')).toBe('near');
  });

  it('keeps hyphens inside words and reads a leading hyphen as NOT', () => {
    expect(parsed('БАРС-Курск')).toBe('БАРС-Курск');
    expect(parsed('барс -курск')).toBe('(and барс (not курск))');
    expect(parsed('Курск — Белгород - Орёл')).toBe('(and Курск Белгород Орёл)');
  });
});

describe('parseQuery: phrases, NEAR, wildcards and fields', () => {
  it('reads straight, typographic and guillemet quotes', () => {
    expect(parsed('"Курская область" OR «БАРС Курск» OR “Kursk region”')).toBe(
      '(or "Курская область" "БАРС Курск" "Kursk region")',
    );
  });

  it('parses NEAR/n between words or phrases, tighter than NOT', () => {
    expect(parsed('губернатор NEAR/5 "Курская область"')).toBe('(near/5 губернатор "Курская область")');
    expect(parsed('-a NEAR/2 b c')).toBe('(and (not (near/2 a b)) c)');
    expect(parsed('a near/3 b')).toBe('(near/3 a b)');
  });

  it('parses exact forms of words and phrases', () => {
    expect(parsed('=МИР OR ="Курская область" -=Apple')).toBe('(or =МИР (and ="Курская область" (not =Apple)))');
    expect(parseQuery('x =МИР').span).toEqual({ start: 0, end: 6 });
  });

  it('parses prefix wildcards', () => {
    expect(parsed('бригад* OR BARS*')).toBe('(or бригад* BARS*)');
  });

  it('parses every field filter, case-insensitively', () => {
    expect(parsed('title:БАРС body:(a OR b) LANG:ru source:tass* entity:bars-kursk')).toBe(
      '(and title:БАРС body:(or a b) lang:ru source:tass* entity:bars-kursk)',
    );
    expect(parsed('entity:"БАРС-Курск" entity:unit:bars-kursk')).toBe('(and entity:БАРС-Курск entity:unit:bars-kursk)');
    expect(parsed('title:"Курская область" title: барс')).toBe('(and title:"Курская область" title:барс)');
    expect(parsed('title:-a b')).toBe('(and title:(not a) b)');
    expect(parsed('(entity:unit:x OR source:tass)')).toBe('(or entity:unit:x source:tass)');
    expect(parsed('title:a NEAR/2 b')).toBe('title:(near/2 a b)');
  });

  it('records the spans of nodes in the query text', () => {
    const node = parseQuery('x "Курская область"');
    expect(node.kind === 'and' && node.children[1]?.span).toEqual({ start: 2, end: 19 });
  });
});

describe('parseQuery: errors point at the position', () => {
  it.each([
    ['(a OR b', "expected ')' at 7", 7, ''],
    ['(a OR b c', "expected ')' at 9", 9, ''],
    ['a OR', 'unexpected end of query at 4', 4, ''],
    ['a NOT', 'unexpected end of query at 5', 5, ''],
    ['OR a', "expected a word, a phrase or '(' at 0, found 'OR'", 0, 'OR'],
    ['a AND OR b', "expected a word, a phrase or '(' at 6, found 'OR'", 6, 'OR'],
    ['a) b', "unexpected ')' at 1", 1, ')'],
    ['a ()', 'empty parentheses at 2', 2, '()'],
    ['=бриг*', "'=' at 0 must be followed by a word or a phrase without '*'", 0, '=бриг*'],
    ['a =(b)', "'=' at 2 must be followed by a word or a phrase", 2, '=('],
    ['a ==b', "'=' at 2 must be followed by a word or a phrase", 2, '=='],
    ['"Курская область', 'unterminated phrase', 0, '"'],
    ['a «b', 'missing closing »', 2, '«'],
    ['foo:bar', "unknown field 'foo' at 0", 0, 'foo'],
    ['a NEAR b', 'NEAR needs a distance in words, e.g. NEAR/5, at 2', 2, 'NEAR'],
    ['a NEAR/0 b', 'NEAR distance at 2 must be between 1 and 100', 2, 'NEAR/0'],
    ['a NEAR/101 b', 'NEAR distance at 2', 2, 'NEAR/101'],
    ['(a OR b) NEAR/2 c', 'NEAR at 9 joins two words or phrases', 9, 'NEAR/2'],
    ['a NEAR/2 b NEAR/2 c', 'NEAR at 11 cannot be chained', 11, 'NEAR/2'],
    ['бриг*ада', "'*' is only allowed at the end of a word, at 4", 4, 'бриг*ада'],
    ['x *', "nothing to search for in '*' at 2", 2, '*'],
    ['x б*', "wildcard 'б*' at 2 needs at least 2 characters", 2, 'б*'],
    ['a ""', 'empty phrase at 2', 2, '""'],
    ['title:', "unexpected end of query at 6: expected a word, a phrase or '('", 6, ''],
    ['lang:', "expected a value after 'lang:' at 5", 5, ''],
    ['lang:(ru)', "expected a value after 'lang:' at 5, found '('", 5, '('],
    ['lang:ru*', "invalid value for 'lang:' at 5", 5, 'ru*'],
    ['title:(a body:b)', "'body:' at 9 cannot be used inside 'title:'", 9, 'body'],
    ['a : b', "unexpected ':' at 2", 2, ':'],
    ['NOT a', 'query only excludes', 0, ''],
    ['-a -b', 'query only excludes', 0, ''],
    ['a OR -b', 'query only excludes', 0, ''],
    ['   ', 'query is empty', 0, ''],
  ])('%s → %s', (query, message, position, token) => {
    const error = parseError(query);
    expect(error.message).toContain(message);
    expect(error.position).toBe(position);
    expect(error.token).toBe(token);
    expect(error.retryable).toBe(false);
  });

  it('gives each kind of error a stable code', () => {
    expect(parseError('foo:bar').code).toBe('query.unknown-field');
    expect(parseError('(a').code).toBe('query.syntax');
    expect(parseError('').code).toBe('query.empty');
    expect(parseError('-a').code).toBe('query.only-negative');
  });
});

describe('parseQuery: hostile input', () => {
  it('rejects a query over the length limit before reading it', () => {
    const error = parseError('a '.repeat(5000));
    expect(error.code).toBe('query.too-long');
    expect(error.message).toBe('query is too long: 10000 characters, at most 4000 allowed');
  });

  it('rejects deep nesting of parentheses, NOT and fields at the first level too deep', () => {
    const deep = '('.repeat(40) + 'a' + ')'.repeat(40);
    const error = parseError(deep);
    expect(error.code).toBe('query.too-deep');
    expect(error.position).toBe(32);
    expect(parseError('a ' + 'NOT '.repeat(40) + 'b').code).toBe('query.too-deep');
    expect(parsed('('.repeat(31) + 'a' + ')'.repeat(31))).toBe('a');
  });

  it('survives a thousand unbalanced parentheses within the length limit', () => {
    expect(parseError('('.repeat(1000)).code).toBe('query.too-deep');
    expect(parseError(')'.repeat(1000)).position).toBe(0);
    expect(parseError('a' + ')'.repeat(1000)).position).toBe(1);
  });

  it('rejects too many terms', () => {
    const error = parseError(Array.from({ length: 300 }, (_, i) => `w${i}`).join(' '));
    expect(error.code).toBe('query.too-many-terms');
    expect(error.token).toBe('w256');
  });

  it('rejects unbalanced quotes anywhere, naming the opening quote', () => {
    expect(parseError('a "b" "c').position).toBe(6);
    expect(parseError('"'.repeat(3001)).position).toBe(3000);
  });

  it('honours caller limits', () => {
    expect(parseError('abc', { maxLength: 2 }).code).toBe('query.too-long');
    expect(parseError('(a)', { maxDepth: 0 }).code).toBe('query.too-deep');
  });
});
