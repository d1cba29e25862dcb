import type { QueryNode } from './ast.js';
import { analyseWords } from './words.js';

/** A canonical entity and the names it goes by, in any script (БАРС-Курск, BARS-Kursk, BARS Kursk). */
export interface EntityAliases {
  id: string;
  aliases: readonly string[];
}

/** Finds an entity by id or by any of its names; injected by the caller, who owns the entity store. */
export interface AliasResolver {
  resolve(ref: string): EntityAliases | undefined;
}

/** The key two spellings of a name share when they differ only in case, hyphens or inflection. */
export function aliasKey(name: string): string {
  return analyseWords(name)
    .map((word) => word.stem)
    .join(' ');
}

/**
 * An in-memory resolver: ids match exactly (ignoring case), names match by `aliasKey`, so
 * `БАРСа-Курска` finds the entity named `БАРС-Курск`. Where two entities share a name, the first wins.
 */
export function createAliasResolver(entities: Iterable<EntityAliases>): AliasResolver {
  const byId = new Map<string, EntityAliases>();
  const byName = new Map<string, EntityAliases>();
  for (const entity of entities) {
    byId.set(entity.id.toLowerCase(), entity);
    for (const alias of entity.aliases) {
      const key = aliasKey(alias);
      if (key && !byName.has(key)) byName.set(key, entity);
    }
  }
  return { resolve: (ref) => byId.get(ref.toLowerCase()) ?? byName.get(aliasKey(ref)) };
}

/**
 * What a query will ask the resolver about: `entity:` references, and the words and phrases that
 * may name an entity; lets a caller load exactly those entities before compiling.
 */
export function collectAliasRefs(query: QueryNode): { entities: string[]; terms: string[] } {
  const entities = new Set<string>();
  const terms = new Set<string>();
  const visit = (node: QueryNode): void => {
    switch (node.kind) {
      case 'entity':
        entities.add(node.ref);
        break;
      case 'term':
      case 'phrase':
        if (!(node.kind === 'term' && node.prefix) && !node.exact) terms.add(node.text);
        break;
      case 'near':
        visit(node.left);
        visit(node.right);
        break;
      case 'and':
      case 'or':
        node.children.forEach(visit);
        break;
      case 'not':
      case 'field':
        visit(node.child);
        break;
      default:
        break;
    }
  };
  visit(query);
  return { entities: [...entities], terms: [...terms] };
}
