export type * from './ast.js';
export { QueryParseError, type QueryErrorCode } from './errors.js';
export { DEFAULT_QUERY_LIMITS, type QueryLimits } from './limits.js';
export { QUERY_FIELDS, type QueryField } from './lexer.js';
export { parseQuery } from './parser.js';
export { aliasKey, collectAliasRefs, createAliasResolver, type AliasResolver, type EntityAliases } from './aliases.js';
export { MAX_ALIASES_PER_ENTITY, type CompileOptions } from './compiler.js';
export {
  analyseDocument,
  type AnalysedDocument,
  type AnalysedField,
  type EntityMention,
  type QueryDocument,
} from './document.js';
export { MAX_HITS_PER_TERM, type MatchHit } from './evaluator.js';
export { CompiledQuery, compileQuery, dryRunQuery, type DryRunResult, type QueryMatch } from './query.js';
export { stemWord, normalizeWord } from './words.js';
export { transliterationKey } from './transliteration.js';
