import type { QueryNode } from './ast.js';
import { type CompiledNode, type CompileOptions, compileNode } from './compiler.js';
import { type AnalysedDocument, analyseDocument, type QueryDocument } from './document.js';
import { evaluateNode, type MatchHit } from './evaluator.js';
import type { QueryLimits } from './limits.js';
import { parseQuery } from './parser.js';

/** The outcome of one query against one article, with the evidence of a match. */
export interface QueryMatch {
  matched: boolean;
  /** Title hits first, then body, each by offset; empty when not matched. */
  hits: MatchHit[];
}

/** A topic query parsed and compiled once, to be evaluated against many analysed articles. */
export class CompiledQuery {
  constructor(
    readonly text: string,
    readonly ast: QueryNode,
    private readonly root: CompiledNode,
  ) {}

  /** Evaluates the query against an article analysed with `analyseDocument`. */
  match(document: AnalysedDocument): QueryMatch {
    const hits: MatchHit[] = [];
    const matched = evaluateNode(this.root, document, hits);
    return { matched, hits: matched ? orderHits(hits) : [] };
  }
}

/**
 * Parses and compiles a topic query; entity references are resolved now, so an unknown entity is
 * reported like a syntax error.
 * @throws QueryParseError
 */
export function compileQuery(
  text: string,
  options: CompileOptions & { limits?: Partial<QueryLimits> } = {},
): CompiledQuery {
  const ast = parseQuery(text, options.limits);
  return new CompiledQuery(text, ast, compileNode(ast, text, options));
}

/** A dry run's result: how many of the scanned articles match, and the first few with evidence. */
export interface DryRunResult<T> {
  scanned: number;
  matched: number;
  samples: Array<{ article: T; hits: MatchHit[] }>;
}

/** Counts the articles a topic would match before it is saved, keeping `sampleSize` examples. */
export function dryRunQuery<T>(
  query: CompiledQuery,
  articles: Iterable<T>,
  toDocument: (article: T) => QueryDocument,
  sampleSize = 10,
): DryRunResult<T> {
  const result: DryRunResult<T> = { scanned: 0, matched: 0, samples: [] };
  for (const article of articles) {
    result.scanned++;
    const { matched, hits } = query.match(analyseDocument(toDocument(article)));
    if (!matched) continue;
    result.matched++;
    if (result.samples.length < sampleSize) result.samples.push({ article, hits });
  }
  return result;
}

function orderHits(hits: MatchHit[]): MatchHit[] {
  const seen = new Set<string>();
  const unique = hits.filter((hit) => {
    const key = `${hit.field}:${hit.start}:${hit.end}:${hit.term}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) =>
    a.field === b.field ? a.start - b.start || a.end - b.end : a.field === 'title' ? -1 : 1,
  );
}
