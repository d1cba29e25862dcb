import { QueryParseError } from './errors.js';

/** Fields a query may filter on, as written before the colon. */
export const QUERY_FIELDS = ['title', 'body', 'lang', 'source', 'entity'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

export type LexemeKind =
  'word' | 'phrase' | 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'minus' | 'exact' | 'near' | 'field' | 'end';

/** A token of the query text with its [start, end) offsets; `value` is the word, phrase body or field name. */
export interface Lexeme {
  kind: LexemeKind;
  value: string;
  start: number;
  end: number;
  /** For `near`: the distance n of NEAR/n. */
  distance?: number;
}

/** Closing quote for each opening quote: straight, guillemets and typographic quotes. */
const QUOTES: Record<string, string> = { '"': '"', '«': '»', '“': '”', '„': '“' };
/** Characters that end a bare word. */
const DELIMITERS = new Set(['(', ')', ':', ...Object.keys(QUOTES), '»', '”']);
/** Fields whose bare value is read up to whitespace or a parenthesis, colons included (entity:unit:bars-kursk). */
const VALUE_FIELDS = new Set(['lang', 'source', 'entity']);
const OPERATORS: Record<string, LexemeKind> = { AND: 'and', OR: 'or', NOT: 'not' };
/** A dash standing alone, as in a pasted headline (Курск — Белгород), separates words and means nothing. */
const DASHES = /^[-‐‑–—]+$/;
const NEAR = /^NEAR\/(\d{1,6})$/i;
const WHITESPACE = /\s/u;

/** Splits a query into lexemes with a single left-to-right scan (no backtracking). */
export function lex(text: string): Lexeme[] {
  const lexemes: Lexeme[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (WHITESPACE.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      lexemes.push({ kind: ch === '(' ? 'lparen' : 'rparen', value: ch, start: i, end: i + 1 });
      i++;
    } else if (ch in QUOTES) {
      i = lexPhrase(text, i, lexemes);
    } else if (ch === '-' && startsWord(text[i + 1])) {
      lexemes.push({ kind: 'minus', value: '-', start: i, end: i + 1 });
      i++;
    } else if (ch === '=' && startsWord(text[i + 1])) {
      lexemes.push({ kind: 'exact', value: '=', start: i, end: i + 1 });
      i++;
    } else if (ch === ':' || ch === '»' || ch === '”') {
      throw new QueryParseError('query.syntax', `unexpected '${ch}' at ${i}`, i, ch);
    } else {
      i = lexWord(text, i, lexemes);
    }
  }
  lexemes.push({ kind: 'end', value: '', start: text.length, end: text.length });
  return lexemes;
}

function startsWord(ch: string | undefined): boolean {
  return ch !== undefined && !WHITESPACE.test(ch) && ch !== '-' && ch !== ')' && ch !== ':';
}

function lexPhrase(text: string, open: number, lexemes: Lexeme[]): number {
  const quote = text[open] as string;
  const close = text.indexOf(QUOTES[quote] as string, open + 1);
  if (close < 0) {
    throw new QueryParseError(
      'query.syntax',
      `unterminated phrase: missing closing ${QUOTES[quote]} for the quote at ${open}`,
      open,
      quote,
    );
  }
  lexemes.push({ kind: 'phrase', value: text.slice(open + 1, close), start: open, end: close + 1 });
  return close + 1;
}

function lexWord(text: string, start: number, lexemes: Lexeme[]): number {
  let end = start;
  while (end < text.length && !WHITESPACE.test(text[end] as string) && !DELIMITERS.has(text[end] as string)) end++;
  const value = text.slice(start, end);
  if (text[end] === ':') {
    const field = value.toLowerCase();
    if (!(QUERY_FIELDS as readonly string[]).includes(field)) {
      throw new QueryParseError(
        'query.unknown-field',
        `unknown field '${value}' at ${start}; known fields: ${QUERY_FIELDS.join(', ')}`,
        start,
        value,
      );
    }
    lexemes.push({ kind: 'field', value: field, start, end: end + 1 });
    return VALUE_FIELDS.has(field) ? lexValue(text, end + 1, lexemes) : end + 1;
  }
  if (DASHES.test(value)) return end;
  const operator = OPERATORS[value];
  const near = NEAR.exec(value);
  if (operator) lexemes.push({ kind: operator, value, start, end });
  else if (near) lexemes.push({ kind: 'near', value, start, end, distance: Number(near[1]) });
  else if (value === 'NEAR' || /^near\//i.test(value)) {
    throw new QueryParseError('query.syntax', `NEAR needs a distance in words, e.g. NEAR/5, at ${start}`, start, value);
  } else lexemes.push({ kind: 'word', value, start, end });
  return end;
}

function lexValue(text: string, start: number, lexemes: Lexeme[]): number {
  let end = start;
  while (end < text.length && !WHITESPACE.test(text[end] as string) && !'()'.includes(text[end] as string)) {
    if (end === start && (text[end] as string) in QUOTES) return start;
    end++;
  }
  if (end > start) lexemes.push({ kind: 'word', value: text.slice(start, end), start, end });
  return end;
}
