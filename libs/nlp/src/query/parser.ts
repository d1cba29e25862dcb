import type { FieldNode, PhraseNode, QueryNode, Span, TermNode, TextField, TextOperandNode } from './ast.js';
import { QueryParseError } from './errors.js';
import { type Lexeme, type LexemeKind, lex } from './lexer.js';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './limits.js';

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const OPERAND_STARTS: ReadonlySet<LexemeKind> = new Set(['word', 'phrase', 'lparen', 'not', 'minus', 'exact', 'field']);

/**
 * Parses a topic query into its syntax tree. Precedence, tightest first: NEAR/n, NOT (or `-`),
 * AND, OR. Adjacent operands without an operator are joined by AND.
 * @throws QueryParseError with the 0-based position of the offending token.
 */
export function parseQuery(text: string, limits: Partial<QueryLimits> = {}): QueryNode {
  const bounds = { ...DEFAULT_QUERY_LIMITS, ...limits };
  if (text.length > bounds.maxLength) {
    throw new QueryParseError(
      'query.too-long',
      `query is too long: ${text.length} characters, at most ${bounds.maxLength} allowed`,
      bounds.maxLength,
      '',
    );
  }
  if (text.trim() === '') throw new QueryParseError('query.empty', 'query is empty', 0, '');
  const root = new Parser(lex(text), text, bounds).parse();
  if (!canMatch(root)) {
    throw new QueryParseError(
      'query.only-negative',
      'query only excludes: add a word, phrase or filter the articles must contain',
      0,
      '',
    );
  }
  return root;
}

/** Whether a node can match by what a document contains, not only by what it lacks. */
function canMatch(node: QueryNode): boolean {
  switch (node.kind) {
    case 'not':
      return false;
    case 'and':
      return node.children.some(canMatch);
    case 'or':
      return node.children.every(canMatch);
    case 'field':
      return canMatch(node.child);
    default:
      return true;
  }
}

class Parser {
  private index = 0;
  private depth = 0;
  private terms = 0;
  /** The text field of the enclosing `title:` / `body:`, if any. */
  private field: TextField | undefined;

  constructor(
    private readonly lexemes: Lexeme[],
    private readonly text: string,
    private readonly limits: QueryLimits,
  ) {}

  parse(): QueryNode {
    const root = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'end') throw this.unexpected(next);
    return root;
  }

  private parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (this.peek().kind === 'or') {
      this.advance();
      children.push(this.parseAnd());
    }
    return children.length === 1 ? (children[0] as QueryNode) : { kind: 'or', children, span: spanOf(children) };
  }

  private parseAnd(): QueryNode {
    const children = [this.parseUnary()];
    for (;;) {
      const next = this.peek();
      if (next.kind === 'and') this.advance();
      else if (!OPERAND_STARTS.has(next.kind)) break;
      children.push(this.parseUnary());
    }
    return children.length === 1 ? (children[0] as QueryNode) : { kind: 'and', children, span: spanOf(children) };
  }

  private parseUnary(): QueryNode {
    const next = this.peek();
    if (next.kind !== 'not' && next.kind !== 'minus') return this.parseNear();
    this.advance();
    const child = this.nested(next, () => this.parseUnary());
    return { kind: 'not', child, span: { start: next.start, end: child.span.end } };
  }

  private parseNear(): QueryNode {
    const left = this.parsePrimary();
    const near = this.peek();
    if (near.kind !== 'near') return left;
    this.advance();
    const right = this.parsePrimary();
    if (!isTextOperand(left) || !isTextOperand(right)) {
      throw new QueryParseError(
        'query.syntax',
        `NEAR at ${near.start} joins two words or phrases, not groups or filters`,
        near.start,
        near.value,
      );
    }
    const distance = near.distance ?? 0;
    if (distance < 1 || distance > this.limits.maxNearDistance) {
      throw new QueryParseError(
        'query.syntax',
        `NEAR distance at ${near.start} must be between 1 and ${this.limits.maxNearDistance} words`,
        near.start,
        near.value,
      );
    }
    const after = this.peek();
    if (after.kind === 'near') {
      throw new QueryParseError(
        'query.syntax',
        `NEAR at ${after.start} cannot be chained; join NEAR pairs with AND`,
        after.start,
        after.value,
      );
    }
    return { kind: 'near', left, right, distance, span: { start: left.span.start, end: right.span.end } };
  }

  private parsePrimary(): QueryNode {
    const next = this.peek();
    switch (next.kind) {
      case 'lparen':
        return this.parseGroup(next);
      case 'word':
        this.advance();
        return this.term(next, undefined);
      case 'phrase':
        this.advance();
        return this.phrase(next, undefined);
      case 'exact':
        this.advance();
        return this.parseExact(next);
      case 'field':
        this.advance();
        return this.parseField(next);
      default:
        throw this.unexpected(next);
    }
  }

  private parseGroup(open: Lexeme): QueryNode {
    this.advance();
    if (this.peek().kind === 'rparen') {
      throw new QueryParseError(
        'query.syntax',
        `empty parentheses at ${open.start}: put a word or a phrase between them`,
        open.start,
        '()',
      );
    }
    const inner = this.nested(open, () => this.parseOr());
    const close = this.peek();
    if (close.kind !== 'rparen') {
      throw new QueryParseError(
        'query.syntax',
        `expected ')' at ${close.start} to close the '(' at ${open.start}, found ${describe(close)}`,
        close.start,
        close.value,
      );
    }
    this.advance();
    return inner;
  }

  private parseField(field: Lexeme): QueryNode {
    const name = field.value;
    if (name === 'title' || name === 'body') return this.parseTextField(field, name);
    const value = this.peek();
    if (value.kind !== 'word' && value.kind !== 'phrase') {
      throw new QueryParseError(
        'query.syntax',
        `expected a value after '${name}:' at ${value.start}, found ${describe(value)}`,
        value.start,
        value.value,
      );
    }
    this.advance();
    const span = { start: field.start, end: value.end };
    const prefix = value.kind === 'word' && value.value.endsWith('*');
    const raw = (prefix ? value.value.slice(0, -1) : value.value).trim();
    if (raw === '' || raw.includes('*')) throw this.invalidValue(name, value);
    if (name === 'lang') {
      if (prefix) throw this.invalidValue(name, value);
      return { kind: 'lang', value: raw.toLowerCase(), span };
    }
    if (name === 'source') return { kind: 'source', value: raw.toLowerCase(), prefix, span };
    if (prefix) throw this.invalidValue(name, value);
    this.countTerm(value);
    return { kind: 'entity', ref: raw, span };
  }

  private parseTextField(field: Lexeme, name: TextField): FieldNode {
    if (this.field && this.field !== name) {
      throw new QueryParseError(
        'query.syntax',
        `'${name}:' at ${field.start} cannot be used inside '${this.field}:'`,
        field.start,
        field.value,
      );
    }
    const outer = this.field;
    this.field = name;
    const child = this.nested(field, () => this.parseUnary());
    this.field = outer;
    return { kind: 'field', field: name, child, span: { start: field.start, end: child.span.end } };
  }

  private parseExact(marker: Lexeme): TermNode | PhraseNode {
    const next = this.peek();
    this.advance();
    if (next.kind === 'phrase') return this.phrase(next, marker);
    if (next.kind !== 'word' || next.value.endsWith('*')) {
      throw new QueryParseError(
        'query.syntax',
        `'=' at ${marker.start} must be followed by a word or a phrase without '*'`,
        marker.start,
        this.text.slice(marker.start, next.end),
      );
    }
    return this.term(next, marker);
  }

  /** A word; `exact` is the `=` written before it, if any. */
  private term(word: Lexeme, exact: Lexeme | undefined): TermNode {
    const prefix = word.value.endsWith('*');
    const text = prefix ? word.value.slice(0, -1) : word.value;
    if (text.includes('*')) {
      const at = word.start + text.indexOf('*');
      throw new QueryParseError('query.syntax', `'*' is only allowed at the end of a word, at ${at}`, at, word.value);
    }
    if (!WORD_CHARACTER.test(text)) {
      throw new QueryParseError(
        'query.syntax',
        `nothing to search for in '${word.value}' at ${word.start}: use letters or digits`,
        word.start,
        word.value,
      );
    }
    if (prefix && [...text].length < this.limits.minPrefixLength) {
      throw new QueryParseError(
        'query.syntax',
        `wildcard '${word.value}' at ${word.start} needs at least ${this.limits.minPrefixLength} characters before '*'`,
        word.start,
        word.value,
      );
    }
    this.countTerm(word);
    return {
      kind: 'term',
      text,
      prefix,
      exact: exact !== undefined,
      span: { start: (exact ?? word).start, end: word.end },
    };
  }

  private phrase(quoted: Lexeme, exact: Lexeme | undefined): PhraseNode {
    if (!WORD_CHARACTER.test(quoted.value)) {
      throw new QueryParseError(
        'query.syntax',
        `empty phrase at ${quoted.start}: put words between the quotes`,
        quoted.start,
        this.text.slice(quoted.start, quoted.end),
      );
    }
    this.countTerm(quoted);
    return {
      kind: 'phrase',
      text: quoted.value,
      exact: exact !== undefined,
      span: { start: (exact ?? quoted).start, end: quoted.end },
    };
  }

  private nested<T>(at: Lexeme, parse: () => T): T {
    if (++this.depth > this.limits.maxDepth) {
      throw new QueryParseError(
        'query.too-deep',
        `query is nested too deeply at ${at.start}: at most ${this.limits.maxDepth} levels of parentheses, NOT and fields`,
        at.start,
        at.value,
      );
    }
    const node = parse();
    this.depth--;
    return node;
  }

  private countTerm(at: Lexeme): void {
    if (++this.terms > this.limits.maxTerms) {
      throw new QueryParseError(
        'query.too-many-terms',
        `query has too many terms at ${at.start}: at most ${this.limits.maxTerms} words, phrases and entities`,
        at.start,
        at.value,
      );
    }
  }

  private invalidValue(name: string, value: Lexeme): QueryParseError {
    return new QueryParseError(
      'query.syntax',
      `invalid value for '${name}:' at ${value.start}`,
      value.start,
      this.text.slice(value.start, value.end),
    );
  }

  private unexpected(lexeme: Lexeme): QueryParseError {
    const message =
      lexeme.kind === 'end'
        ? `unexpected end of query at ${lexeme.start}: expected a word, a phrase or '('`
        : lexeme.kind === 'rparen'
          ? `unexpected ')' at ${lexeme.start}: no '(' to close`
          : `expected a word, a phrase or '(' at ${lexeme.start}, found ${describe(lexeme)}`;
    return new QueryParseError('query.syntax', message, lexeme.start, lexeme.value);
  }

  private peek(): Lexeme {
    return this.lexemes[this.index] as Lexeme;
  }

  private advance(): void {
    if (this.index < this.lexemes.length - 1) this.index++;
  }
}

function isTextOperand(node: QueryNode): node is TextOperandNode {
  return node.kind === 'term' || node.kind === 'phrase';
}

function spanOf(children: QueryNode[]): Span {
  return { start: children[0]?.span.start ?? 0, end: children[children.length - 1]?.span.end ?? 0 };
}

function describe(lexeme: Lexeme): string {
  return lexeme.kind === 'end' ? 'the end of the query' : `'${lexeme.value}'`;
}
