import type { QueryNode, Span, TextField, TextOperandNode } from './ast.js';
import { aliasKey, type AliasResolver } from './aliases.js';
import { QueryParseError } from './errors.js';
import { transliterationKey } from './transliteration.js';
import { analyseWords, type Script } from './words.js';

/** How one query word matches a document word. */
export type WordPattern =
  | { kind: 'stem'; stem: string; script: Script; transliteration: string | undefined }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'exact'; stem: string; surface: string };

/** Consecutive words to find; `alias` is set when they spell an alias rather than the query's own text. */
export interface WordSequence {
  words: WordPattern[];
  alias?: string;
}

/** A word, phrase or alias set searched in some text fields; `term` is the text as written in the query. */
export interface CompiledText {
  kind: 'text';
  term: string;
  sequences: WordSequence[];
  fields: TextField[];
  /** The entity the word or phrase names, when its aliases were added. */
  entityId?: string;
}

export type CompiledNode =
  | CompiledText
  | { kind: 'near'; left: CompiledText; right: CompiledText; distance: number }
  | { kind: 'entity'; term: string; entityId: string; sequences: WordSequence[]; fields: TextField[] }
  | { kind: 'lang'; value: string }
  | { kind: 'source'; value: string; prefix: boolean }
  | { kind: 'and' | 'or'; children: CompiledNode[] }
  | { kind: 'not'; child: CompiledNode };

export interface CompileOptions {
  /** Resolves `entity:` references and, with `expandTermAliases`, plain words and phrases. */
  aliases?: AliasResolver;
  /** Whether a word or phrase that names a known entity also matches the entity's aliases (default true). */
  expandTermAliases?: boolean;
  /** Whether Latin and Cyrillic spellings of a name match each other (Shoigu ↔ Шойгу; default false). */
  transliteration?: boolean;
}

/** Aliases taken from one entity, at most; guards against a runaway alias list. */
export const MAX_ALIASES_PER_ENTITY = 64;
const BOTH_FIELDS: TextField[] = ['title', 'body'];

/** Turns a parsed query into matchers; alias lookups happen here, once per query. */
export function compileNode(root: QueryNode, source: string, options: CompileOptions): CompiledNode {
  const compiler = new Compiler(source, options);
  return compiler.compile(root, BOTH_FIELDS);
}

class Compiler {
  constructor(
    private readonly source: string,
    private readonly options: CompileOptions,
  ) {}

  compile(node: QueryNode, fields: TextField[]): CompiledNode {
    switch (node.kind) {
      case 'term':
      case 'phrase':
        return this.text(node, fields);
      case 'near':
        return {
          kind: 'near',
          left: this.text(node.left, fields),
          right: this.text(node.right, fields),
          distance: node.distance,
        };
      case 'entity':
        return this.entity(node.ref, node.span, fields);
      case 'lang':
        return { kind: 'lang', value: node.value };
      case 'source':
        return { kind: 'source', value: node.value, prefix: node.prefix };
      case 'field':
        return this.compile(node.child, [node.field]);
      case 'not':
        return { kind: 'not', child: this.compile(node.child, fields) };
      case 'and':
        // Cheap document filters first, so a failing lang: or source: skips the text search.
        return { kind: 'and', children: node.children.map((child) => this.compile(child, fields)).sort(byCost) };
      case 'or':
        return { kind: 'or', children: node.children.map((child) => this.compile(child, fields)) };
    }
  }

  private text(node: TextOperandNode, fields: TextField[]): CompiledText {
    const prefix = node.kind === 'term' && node.prefix;
    const own = node.exact ? this.exactSequence(node.text) : this.sequence(node.text, prefix);
    const sequences = own ? [own] : [];
    const entity = prefix || node.exact ? undefined : this.expandable(node.text);
    const compiled: CompiledText = { kind: 'text', term: this.written(node.span), sequences, fields };
    if (entity) {
      sequences.push(...this.aliasSequences(entity.aliases, node.text));
      compiled.entityId = entity.id;
    }
    return compiled;
  }

  private entity(ref: string, span: Span, fields: TextField[]): CompiledNode {
    const term = this.written(span);
    const { aliases } = this.options;
    if (!aliases) {
      const sequences = this.aliasSequences([ref], undefined);
      return { kind: 'entity', term, entityId: ref, sequences, fields };
    }
    const entity = aliases.resolve(ref);
    if (!entity) {
      throw new QueryParseError('query.unknown-entity', `unknown entity '${ref}' at ${span.start}`, span.start, term);
    }
    return { kind: 'entity', term, entityId: entity.id, sequences: this.aliasSequences(entity.aliases, ''), fields };
  }

  private expandable(text: string) {
    const { aliases, expandTermAliases = true } = this.options;
    return aliases && expandTermAliases ? aliases.resolve(text) : undefined;
  }

  /** Sequences for aliases, skipping the one spelled like `own` (already searched as the term itself). */
  private aliasSequences(aliases: readonly string[], own: string | undefined): WordSequence[] {
    const ownKey = own === undefined ? undefined : aliasKey(own);
    const sequences: WordSequence[] = [];
    for (const alias of aliases.slice(0, MAX_ALIASES_PER_ENTITY)) {
      const sequence = this.sequence(alias, false);
      if (sequence && aliasKey(alias) !== ownKey) sequences.push({ ...sequence, alias });
    }
    return sequences;
  }

  private sequence(text: string, prefix: boolean): WordSequence | undefined {
    const words = analyseWords(text);
    if (words.length === 0) return undefined;
    const transliteration = this.options.transliteration ?? false;
    return {
      words: words.map((word, i): WordPattern => {
        if (prefix && i === words.length - 1) return { kind: 'prefix', prefix: word.norm };
        const key = transliteration ? transliterationKey(word.norm, word.script) : undefined;
        return { kind: 'stem', stem: word.stem, script: word.script, transliteration: key };
      }),
    };
  }

  /** Words that match only as spelled, case included; found through their stems, then compared. */
  private exactSequence(text: string): WordSequence | undefined {
    const words = analyseWords(text);
    if (words.length === 0) return undefined;
    return {
      words: words.map((word): WordPattern => ({
        kind: 'exact',
        stem: word.stem,
        surface: text.slice(word.start, word.end),
      })),
    };
  }

  private written(span: Span): string {
    return this.source.slice(span.start, span.end);
  }
}

function byCost(a: CompiledNode, b: CompiledNode): number {
  const cost = (node: CompiledNode) => (node.kind === 'lang' || node.kind === 'source' ? 0 : 1);
  return cost(a) - cost(b);
}
