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
}

/** Finds mentions of known entities by their aliases; the longest alias wins where they overlap. */
export class Gazetteer {
  private readonly aliases: CompiledAlias[];

  constructor(entities: readonly CanonicalEntity[]) {
    this.aliases = entities.flatMap((entity) =>
      entity.aliases.map((alias) => {
        const { text, caseSensitive } = typeof alias === 'string' ? { text: alias, caseSensitive: false } : alias;
        return { entity, words: tokenize(text).map((t) => t.text), caseSensitive };
      }),
    );
    this.aliases.sort((a, b) => b.words.length - a.words.length);
  }

  /** Every entity mentioned in the text, with the character span of each mention. */
  find(text: string): EntityMatch[] {
    const tokens = tokenize(text);
    const taken = new Array<boolean>(tokens.length).fill(false);
    const found = new Map<string, EntityMatch>();
    for (const alias of this.aliases) {
      for (let i = 0; i + alias.words.length <= tokens.length; i++) {
        if (!this.matchesAt(alias, tokens, i, taken)) continue;
        const first = tokens[i] as Token;
        const last = tokens[i + alias.words.length - 1] as Token;
        for (let k = i; k < i + alias.words.length; k++) taken[k] = true;
        const match = found.get(alias.entity.entityId) ?? {
          entityId: alias.entity.entityId,
          name: alias.entity.name,
          type: alias.entity.type,
          mentions: [],
        };
        match.mentions.push({ text: text.slice(first.start, last.end), start: first.start, end: last.end });
        found.set(alias.entity.entityId, match);
      }
    }
    for (const match of found.values()) match.mentions.sort((a, b) => a.start - b.start);
    return [...found.values()].sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
  }

  private matchesAt(alias: CompiledAlias, tokens: Token[], i: number, taken: boolean[]): boolean {
    return alias.words.every(
      (word, k) => !taken[i + k] && wordMatches(word, tokens[i + k]?.text ?? '', alias.caseSensitive),
    );
  }
}
