import { hashString, mix } from './hash.js';
import { tokenizeForNer } from './tokenize.js';

/** What a gazetteer knows a word to be part of; one bit each, so a word can be several. */
export const GAZETTEER_FLAGS = {
  /** A one-word place name (Kaliningrad). */
  location: 1,
  /** First word of a longer place name (New York). */
  locationStart: 2,
  /** Later word of a longer place name. */
  locationInside: 4,
  firstName: 8,
  /** A nationality adjective (Russian, German): CoNLL tags these MISC. */
  demonym: 16,
  /** Any word of a country name. */
  country: 32,
  /** Any word of a person's name as news writes it (surnames, inflected forms). */
  person: 64,
  /** Any word of an organisation's name. */
  organization: 128,
  /** A word English dictionaries list in lower case (a common word, whatever its case here). */
  common: 256,
  /** OpenCorpora grammemes of the exact word form (Russian morphology dictionary): a first name (Name). */
  morphName: 1 << 16,
  /** A surname form (Surn). */
  morphSurname: 1 << 17,
  /** A patronymic form (Patr). */
  morphPatronymic: 1 << 18,
  /** A place name form (Geox). */
  morphGeo: 1 << 19,
  /** An organisation name form (Orgn). */
  morphOrg: 1 << 20,
  /** A form that the dictionary also lists as an ordinary word (Роман, Вера, Орёл). */
  morphCommon: 1 << 21,
} as const;

/** Flags at or above this bit match the exact form only (a morphology dictionary lists every inflection). */
const EXACT_ONLY = 1 << 16;

/**
 * Kinds of whole names, matched as word sequences (span features): the position of a token in
 * the longest match of each kind starting at a capitalised word.
 */
export const SPAN_KINDS = ['LOC', 'PER', 'ORG', 'MISC'] as const;
/** Set on a sequence that continues into a longer entry. */
const CONTINUES = 1 << 15;
/** Longest entry, in tokens, that spans match. */
export const MAX_SPAN_TOKENS = 8;
const SPAN_SEED = 0x2545f491;

export type GazetteerKind =
  'location' | 'country' | 'first-name' | 'demonym' | 'person' | 'organization' | 'misc' | 'common' | 'morph';

export interface GazetteerEntry {
  name: string;
  kind: GazetteerKind;
  /** For kind 'morph': GAZETTEER_FLAGS morph* bits of this exact lower-case word form. */
  flags?: number;
}

/** Russian inflects names (Россия, России; Курская, Курской): compare all but the last two letters. */
function stemOf(lower: string): string {
  return lower.length >= 5 ? lower.slice(0, -2) : lower;
}

const STEM_SHIFT = 8;

/**
 * Word lists from maintained packages, reduced to hashed lower-case words with their flags so
 * that a model file carries them and the runtime needs no package. With `stems`, words also
 * match by stem (flags of stem matches sit above bit STEM_SHIFT, so the model weighs them apart).
 */
export class Gazetteer {
  constructor(
    readonly words: Map<number, number>,
    readonly stems: boolean,
    /** Sequence hashes (spanHash over the lower-cased words) → SPAN_KINDS bits of entries ending there, CONTINUES bit. */
    readonly spans: Map<number, number> = new Map(),
  ) {}

  /** Extends a sequence hash by one word's lower-case hash; start from spanHash(SEED, first). */
  static spanStep(hash: number, word: number): number {
    return mix(hash, word);
  }

  static readonly SPAN_SEED = SPAN_SEED;

  static build(entries: Iterable<GazetteerEntry>, stems: boolean, spanKinds = false): Gazetteer {
    const words = new Map<number, number>();
    const spans = new Map<number, number>();
    const addSpan = (tokens: readonly string[], kind: number) => {
      if (tokens.length === 0 || tokens.length > MAX_SPAN_TOKENS) return;
      let hash = SPAN_SEED;
      tokens.forEach((token, i) => {
        hash = mix(hash, hashString(token.toLowerCase()));
        const bits = (spans.get(hash) ?? 0) | (i === tokens.length - 1 ? 1 << kind : CONTINUES);
        spans.set(hash, bits);
      });
    };
    const add = (word: string, flag: number) => {
      const lower = word.toLowerCase();
      const key = hashString(lower);
      words.set(key, (words.get(key) ?? 0) | flag);
      if (stems && flag < EXACT_ONLY) {
        const stemKey = hashString(`\u0000${stemOf(lower)}`);
        words.set(stemKey, (words.get(stemKey) ?? 0) | (flag << STEM_SHIFT));
      }
    };
    for (const entry of entries) {
      const { name, kind } = entry;
      if (kind === 'common') {
        add(name, GAZETTEER_FLAGS.common);
        continue;
      }
      if (kind === 'morph') {
        const flags = (entry.flags ?? 0) & ~(EXACT_ONLY - 1);
        if (flags) add(name, flags);
        continue;
      }
      const all = tokenizeForNer(name);
      if (spanKinds) {
        const spanKind =
          kind === 'person' ? 1 : kind === 'organization' ? 2 : kind === 'misc' || kind === 'demonym' ? 3 : 0;
        if (kind !== 'first-name')
          addSpan(
            all.map((t) => t.text),
            spanKind,
          );
      }
      const tokens = all.filter((t) => /[\p{L}\p{N}]/u.test(t.text));
      tokens.forEach((token, i) => {
        if (kind === 'first-name') add(token.text, GAZETTEER_FLAGS.firstName);
        else if (kind === 'demonym' || kind === 'misc') add(token.text, GAZETTEER_FLAGS.demonym);
        else if (kind === 'person') add(token.text, GAZETTEER_FLAGS.person);
        else if (kind === 'organization') add(token.text, GAZETTEER_FLAGS.organization);
        else {
          const position = tokens.length === 1 ? 'location' : i === 0 ? 'locationStart' : 'locationInside';
          add(token.text, GAZETTEER_FLAGS[position] | (kind === 'country' ? GAZETTEER_FLAGS.country : 0));
        }
      });
    }
    return new Gazetteer(words, stems, spans);
  }

  /** What entries the sequence with this hash ends or continues (0 when none). */
  span(hash: number): number {
    return this.spans.get(hash) ?? 0;
  }

  static readonly CONTINUES = CONTINUES;

  /** Flags of a lower-cased token (0 when unknown), given its hash when the caller has it. */
  flags(lower: string, hash = hashString(lower)): number {
    if (this.words.size === 0) return 0;
    const direct = this.words.get(hash) ?? 0;
    return this.stems ? direct | (this.words.get(hashString(`\u0000${stemOf(lower)}`)) ?? 0) : direct;
  }

  /** An empty gazetteer: every word unknown. */
  static readonly none = new Gazetteer(new Map(), false);
}
