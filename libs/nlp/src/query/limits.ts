/** Bounds that keep a hostile or runaway query from costing more than a normal one. */
export interface QueryLimits {
  /** Characters in the query text. */
  maxLength: number;
  /** Nested parentheses, NOTs and field filters. */
  maxDepth: number;
  /** Words, phrases and entity references in the query. */
  maxTerms: number;
  /** Largest n in NEAR/n, in words. */
  maxNearDistance: number;
  /** Shortest prefix before a `*` wildcard, in characters. */
  minPrefixLength: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxLength: 4000,
  maxDepth: 32,
  maxTerms: 256,
  maxNearDistance: 100,
  minPrefixLength: 2,
};
