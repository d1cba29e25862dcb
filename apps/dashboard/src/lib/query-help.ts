/** The topic query language in brief (docs/query-language.md has it all), shown beside the editor. */
export const QUERY_HELP: ReadonlyArray<{ syntax: string; meaning: string }> = [
  { syntax: 'БАРС Курск', meaning: 'both words, in any inflection, anywhere (AND is implicit)' },
  { syntax: 'a OR b', meaning: 'either; AND binds tighter than OR: a OR b c is a OR (b AND c)' },
  { syntax: '"Курская область"', meaning: 'a phrase, inflected (also «…», “…”)' },
  { syntax: '="Курская область"  =МИР', meaning: 'exact spelling, case included' },
  { syntax: 'бригад*', meaning: 'prefix wildcard (two characters at least)' },
  { syntax: 'NOT a   -a', meaning: 'exclusion; a query must also match something positive' },
  { syntax: 'губернатор NEAR/5 Беспрозванных', meaning: 'within five words, either order' },
  { syntax: 'title:(a OR b)   body:a', meaning: 'only in the title / body' },
  { syntax: 'entity:unit:bars-kursk', meaning: 'a known entity, by id or alias, in any script' },
  { syntax: 'lang:ru   source:kursk*', meaning: 'language and source id (prefix with *)' },
];

/** The line of the query holding a 0-based offset, and the column in it, for pointing at an error. */
export function locate(query: string, position: number): { line: string; column: number; lineNumber: number } {
  const at = Math.max(0, Math.min(position, query.length));
  const start = query.lastIndexOf('\n', at - 1) + 1;
  const endAt = query.indexOf('\n', at);
  const end = endAt === -1 ? query.length : endAt;
  return { line: query.slice(start, end), column: at - start, lineNumber: query.slice(0, start).split('\n').length };
}
