/** Where a node was written in the query: [start, end) character offsets. */
export interface Span {
  start: number;
  end: number;
}

/** Text fields a word, phrase or entity alias can be searched in. */
export type TextField = 'title' | 'body';

/** A word, a hyphenated compound, a prefix wildcard (`бригад*`) or an exact form (`=МИР`). */
export interface TermNode {
  kind: 'term';
  text: string;
  prefix: boolean;
  /** Written with `=`: only this spelling, case included, matches. */
  exact: boolean;
  span: Span;
}

/** Words in quotes that must follow each other (each word inflection-aware). */
export interface PhraseNode {
  kind: 'phrase';
  text: string;
  /** Written `="…"`: each word only in this spelling, case included. */
  exact: boolean;
  span: Span;
}

/** The operands NEAR accepts. */
export type TextOperandNode = TermNode | PhraseNode;

/** Both operands in the same field, at most `distance` words apart, either order. */
export interface NearNode {
  kind: 'near';
  left: TextOperandNode;
  right: TextOperandNode;
  distance: number;
  span: Span;
}

export interface AndNode {
  kind: 'and';
  children: QueryNode[];
  span: Span;
}

export interface OrNode {
  kind: 'or';
  children: QueryNode[];
  span: Span;
}

export interface NotNode {
  kind: 'not';
  child: QueryNode;
  span: Span;
}

/** `title:` or `body:` restricting the text searched by everything inside. */
export interface FieldNode {
  kind: 'field';
  field: TextField;
  child: QueryNode;
  span: Span;
}

/** `lang:ru`: the document's language code. */
export interface LangNode {
  kind: 'lang';
  value: string;
  span: Span;
}

/** `source:tass` or `source:tass*`: the document's source id. */
export interface SourceNode {
  kind: 'source';
  value: string;
  prefix: boolean;
  span: Span;
}

/** `entity:bars-kursk` or `entity:"БАРС-Курск"`: a canonical entity by id or name. */
export interface EntityNode {
  kind: 'entity';
  ref: string;
  span: Span;
}

/** The typed syntax tree of a topic query. */
export type QueryNode =
  TermNode | PhraseNode | NearNode | AndNode | OrNode | NotNode | FieldNode | LangNode | SourceNode | EntityNode;
