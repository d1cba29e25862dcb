import type { EntityType } from '@media-monitor/contracts';
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

/**
 * Characters of a word's first part that every form matching it starts with: a Russian stem keeps
 * at least three letters (see `wordMatches`), any other word matches only itself.
 */
const KEY_CHARS = 3;

/** The lower-case first part of a word (`БАРС-Курск` → `барс`), ё as е. */
function firstPart(word: string): string {
  return word.toLowerCase().replace(/ё/g, 'е').split(/[-‐‑]/)[0] ?? '';
}

/**
 * Finds mentions of known entities by their aliases; the longest alias wins where they overlap.
 * Aliases are indexed by the first letters of their first word, so an article is compared with the
 * few aliases that can start at each of its words, not with the whole registry.
 */
export class Gazetteer {
  private readonly byKey = new Map<string, CompiledAlias[]>();
  readonly size: number;

  constructor(entities: readonly CanonicalEntity[]) {
    const aliases = entities.flatMap((entity) =>
      entity.aliases.map((alias) => {
        const { text, caseSensitive } = typeof alias === 'string' ? { text: alias, caseSensitive: false } : alias;
        return { entity, words: tokenize(text).map((t) => t.text), caseSensitive, rank: 0 };
      }),
    );
    aliases.sort((a, b) => b.words.length - a.words.length);
    aliases.forEach((alias, rank) => {
      alias.rank = rank;
      const first = alias.words[0];
      if (first === undefined) return;
      const key = firstPart(first).slice(0, KEY_CHARS);
      const bucket = this.byKey.get(key);
      if (bucket) bucket.push(alias);
      else this.byKey.set(key, [alias]);
    });
    this.size = aliases.length;
  }

  /** Every entity mentioned in the text, with the character span of each mention. */
  find(text: string): EntityMatch[] {
    const tokens = tokenize(text);
    const candidates: Array<{ alias: CompiledAlias; at: number }> = [];
    for (let i = 0; i < tokens.length; i++) {
      const part = firstPart((tokens[i] as Token).text);
      for (let n = 1; n <= Math.min(KEY_CHARS, part.length); n++) {
        for (const alias of this.byKey.get(part.slice(0, n)) ?? []) {
          if (i + alias.words.length <= tokens.length && this.wordsMatchAt(alias, tokens, i)) {
            candidates.push({ alias, at: i });
          }
        }
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
