import type { EntityType } from '@media-monitor/contracts';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { tokenize, wordMatches, type Token } from '@media-monitor/nlp';

/** A real-world referent with every spelling the news uses for it, in Latin and Cyrillic. */
export interface CanonicalEntity {
  entityId: string;
  name: string;
  type: EntityType;
  aliases: ReadonlyArray<string | { text: string; caseSensitive: boolean }>;
}

export interface EntityMatch {
  entityId: string;
  name: string;
  type: EntityType;
  mentions: Array<{ text: string; start: number; end: number }>;
}

interface CompiledAlias {
  entity: CanonicalEntity;
  words: string[];
  caseSensitive: boolean;
  /** Position in the matching order (longest alias first). */
  rank: number;
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
/** Letters a Russian inflection may drop from an alias word (its longest ending, see `wordMatches`). */
const MAX_ENDING = 2;
/** Letters an inflected form may add after the stem (`wordMatches`). */
const MAX_INFLECTION = 3;

function compileAliases(entity: CanonicalEntity): CompiledAlias[] {
  return entity.aliases.map((alias) => {
    const { text, caseSensitive } = typeof alias === 'string' ? { text: alias, caseSensitive: false } : alias;
    return { entity, words: tokenize(text).map((t) => t.text), caseSensitive, rank: 0 };
  });
}

/** The lower-case first part of a word (`БАРС-Курск` → `барс`), ё as е. */
function firstPart(word: string): string {
  return word.toLowerCase().replace(/ё/g, 'е').split(/[-‐‑]/)[0] ?? '';
}

/**
 * The index key of an alias word: a word of another script matches only itself; a Russian word
 * matches every word that starts with its stem, which keeps all of it but an ending of at most two
 * letters, and never less than three letters: the key is that much of it.
 */
function aliasKeyOf(part: string): string {
  if (!CYRILLIC.test(part)) return part;
  return part.slice(0, Math.max(Math.min(3, part.length), part.length - MAX_ENDING));
}

/**
 * The keys an alias word matching this text word can have: the word itself, and for a Russian word
 * its prefixes down to the shortest stem it may carry.
 */
function lookupKeys(part: string): string[] {
  if (!CYRILLIC.test(part)) return [part];
  const keys: string[] = [];
  const shortest = Math.max(1, part.length - MAX_ENDING - MAX_INFLECTION);
  for (let n = part.length; n >= shortest; n--) keys.push(part.slice(0, n));
  return keys;
}

/**
 * Finds mentions of known entities by their aliases; the longest alias wins where they overlap.
 * Aliases are indexed by their first two words (a Russian word by the part of it every inflected
 * form keeps), so an article is compared with the few aliases that can start at each of its words,
 * not with the whole registry.
 */
export class Gazetteer {
  /** One-word aliases by the key of their word. */
  private readonly single = new Map<string, CompiledAlias[]>();
  /** Longer aliases by the keys of their first two words (so «Группа X» is not tried at every «Группа»). */
  private readonly multi = new Map<string, CompiledAlias[]>();
  readonly size: number;

  constructor(entities: readonly CanonicalEntity[], compiled: CompiledAlias[] = entities.flatMap(compileAliases)) {
    const aliases = compiled;
    aliases.sort((a, b) => b.words.length - a.words.length);
    aliases.forEach((alias, rank) => {
      alias.rank = rank;
      const [first, second] = alias.words.map((word) => aliasKeyOf(firstPart(word)));
      if (first === undefined) return;
      const [index, key] = second === undefined ? [this.single, first] : [this.multi, `${first} ${second}`];
      const bucket = index.get(key);
      if (bucket) bucket.push(alias);
      else index.set(key, [alias]);
    });
    this.size = aliases.length;
  }

  /**
   * Builds a gazetteer a slice of entities at a time, letting waiting events run between slices, so
   * that rebuilding a large registry does not hold up message handling.
   */
  static async build(entities: readonly CanonicalEntity[], sliceSize = 500): Promise<Gazetteer> {
    const compiled: CompiledAlias[] = [];
    for (let i = 0; i < entities.length; i += sliceSize) {
      compiled.push(...entities.slice(i, i + sliceSize).flatMap(compileAliases));
      await yieldToEvents();
    }
    return new Gazetteer(entities, compiled);
  }

  /** Every entity mentioned in the text, with the character span of each mention. */
  find(text: string): EntityMatch[] {
    const tokens = tokenize(text);
    const keys = tokens.map((token) => lookupKeys(firstPart(token.text)));
    const candidates: Array<{ alias: CompiledAlias; at: number }> = [];
    const consider = (bucket: CompiledAlias[] | undefined, at: number) => {
      for (const alias of bucket ?? []) {
        if (at + alias.words.length <= tokens.length && this.wordsMatchAt(alias, tokens, at)) {
          candidates.push({ alias, at });
        }
      }
    };
    for (let i = 0; i < tokens.length; i++) {
      for (const first of keys[i] as string[]) {
        consider(this.single.get(first), i);
        for (const second of keys[i + 1] ?? []) consider(this.multi.get(`${first} ${second}`), i);
      }
    }
    // The order of the unindexed scan: alias by alias (longest first), then left to right.
    candidates.sort((a, b) => a.alias.rank - b.alias.rank || a.at - b.at);
    const taken = new Array<boolean>(tokens.length).fill(false);
    const found = new Map<string, EntityMatch>();
    for (const { alias, at } of candidates) {
      const end = at + alias.words.length;
      if (taken.slice(at, end).some(Boolean)) continue;
      for (let k = at; k < end; k++) taken[k] = true;
      const first = tokens[at] as Token;
      const last = tokens[end - 1] as Token;
      const match = found.get(alias.entity.entityId) ?? {
        entityId: alias.entity.entityId,
        name: alias.entity.name,
        type: alias.entity.type,
        mentions: [],
      };
      match.mentions.push({ text: text.slice(first.start, last.end), start: first.start, end: last.end });
      found.set(alias.entity.entityId, match);
    }
    for (const match of found.values()) match.mentions.sort((a, b) => a.start - b.start);
    return [...found.values()].sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
  }

  private wordsMatchAt(alias: CompiledAlias, tokens: Token[], i: number): boolean {
    return alias.words.every((word, k) => wordMatches(word, tokens[i + k]?.text ?? '', alias.caseSensitive));
  }
}
