import { Gazetteer, MAX_SPAN_TOKENS, SPAN_KINDS } from './gazetteer.js';
import { hashRange, hashString, mix } from './hash.js';

/** Capitalisation classes of a token, the strongest single signal for names. */
const enum Case {
  Other = 0,
  Lower = 1,
  Title = 2,
  Upper = 3,
  Letter = 4,
  Mixed = 5,
  Digits = 6,
  Alnum = 7,
}

/** Character classes for shapes: the code units of 'X', 'x', 'd', or the character itself. */
const UPPER_CHAR = 88;
const LOWER_CHAR = 120;
const DIGIT_CHAR = 100;
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{N}/u;

/** Class of one UTF-16 code unit; ASCII and Cyrillic take the fast path, the rest a Unicode test. */
function charClass(code: number): number {
  if (code < 128) {
    if (code >= 65 && code <= 90) return UPPER_CHAR;
    if (code >= 97 && code <= 122) return LOWER_CHAR;
    if (code >= 48 && code <= 57) return DIGIT_CHAR;
    return code;
  }
  if (code >= 0x410 && code <= 0x42f) return UPPER_CHAR;
  if (code >= 0x430 && code <= 0x44f) return LOWER_CHAR;
  if (code === 0x401) return UPPER_CHAR;
  if (code === 0x451) return LOWER_CHAR;
  const ch = String.fromCharCode(code);
  if (UPPER.test(ch)) return UPPER_CHAR;
  if (LOWER.test(ch)) return LOWER_CHAR;
  if (DIGIT.test(ch)) return DIGIT_CHAR;
  return code;
}

const HYPHENS = new Set([45, 0x2010, 0x2011]);
const APOSTROPHES_AND_DOTS = new Set([39, 0x2019, 46]);

/** Case class and collapsed shape hash (Kaliningrad → Xx, BARS-Kursk → X-Xx, 1996-08-22 → d-d-d). */
function caseAndShape(token: string): [Case, number] {
  let upper = 0;
  let lower = 0;
  let digit = 0;
  let upperAfterFirst = 0;
  let shape = 0x811c9dc5;
  let last = -1;
  let afterJoin = false;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    const c = charClass(code);
    if (c === UPPER_CHAR) {
      upper++;
      // A capital right after a hyphen or apostrophe (BARS-Kursk, O'Neill) keeps title case.
      if (i > 0 && !afterJoin) upperAfterFirst++;
    } else if (c === LOWER_CHAR) lower++;
    else if (c === DIGIT_CHAR) digit++;
    afterJoin = HYPHENS.has(code) || APOSTROPHES_AND_DOTS.has(code);
    if (c !== last) shape = Math.imul(shape ^ c, 0x01000193);
    last = c;
  }
  let kase: Case;
  if (upper + lower === 0) kase = digit > 0 ? Case.Digits : Case.Other;
  else if (digit > 0) kase = Case.Alnum;
  else if (upper === 0) kase = Case.Lower;
  else if (lower === 0) kase = upper === 1 ? Case.Letter : Case.Upper;
  else kase = charClass(token.charCodeAt(0)) === UPPER_CHAR && upperAfterFirst === 0 ? Case.Title : Case.Mixed;
  return [kase, shape >>> 0];
}

/** Word templates: their values depend on the token's text alone, so a model sums their weights once per distinct word. */
export const WORD_FEATURES = 16;
/** Context templates: neighbours, position and document. */
export const CONTEXT_FEATURES = 23;
/** Number of features every token gets; feature rows are fixed-stride for speed (word templates first). */
export const FEATURES_PER_TOKEN = WORD_FEATURES + CONTEXT_FEATURES;

const PREFIX_LENGTHS = [2, 3, 4, 5];
const SUFFIX_LENGTHS = [1, 2, 3, 4];
const NONE = hashString('<none>');
const BOUNDARY = hashString('<s>');
/** Typographic quotes read as the ASCII ones the training text mostly has (‘BARS-Kursk’). */
const TYPOGRAPHIC_QUOTES = new Map([
  ['‘', "'"],
  ['’', "'"],
  ['‚', "'"],
  ['“', '"'],
  ['”', '"'],
  ['„', '"'],
]);
const OPEN_QUOTES = new Set(['«', '„', '“']);
const CLOSE_QUOTES = new Set(['»', '”']);
const OPENS = 1;
const CLOSES = 2;

/**
 * Distinct token texts met so far and what the features read of each: lower-case hash,
 * capitalisation class, shape, three-letter suffix, gazetteer flags, and the bucket numbers
 * of the word templates. Ids index flat typed arrays; past `capacity` words the lexicon
 * starts afresh before the next document, so a long-running service stays bounded.
 */
export class Lexicon {
  private ids = new Map<string, number>();
  lower = new Uint32Array(1024);
  kase = new Uint8Array(1024);
  shape = new Uint32Array(1024);
  suffix = new Uint32Array(1024);
  gazetteerFlags = new Uint32Array(1024);
  quote = new Uint8Array(1024);
  buckets = new Uint32Array(1024 * WORD_FEATURES);
  /** Bumped whenever the lexicon starts afresh, so caches keyed by id know to drop theirs. */
  generation = 0;

  constructor(
    readonly bits: number,
    readonly gazetteer: Gazetteer,
    readonly capacity = 1 << 16,
  ) {}

  get size(): number {
    return this.ids.size;
  }

  /** Starts afresh when full; call between documents only (ids of the current one stay valid). */
  trim(): void {
    if (this.ids.size < this.capacity) return;
    this.ids.clear();
    this.generation++;
  }

  /** The id of a token's text, analysing it the first time. */
  id(token: string): number {
    const known = this.ids.get(token);
    if (known !== undefined) return known;
    const id = this.ids.size;
    this.ids.set(token, id);
    if (id >= this.lower.length) this.grow();
    const normal = TYPOGRAPHIC_QUOTES.get(token) ?? token;
    const lower = normal.toLowerCase();
    const n = lower.length;
    const [kase, shape] = caseAndShape(token);
    const lowerHash = hashString(lower);
    const flags = this.gazetteer.flags(lower, lowerHash);
    this.lower[id] = lowerHash;
    this.kase[id] = kase;
    this.shape[id] = shape;
    this.suffix[id] = n > 3 ? hashRange(lower, n - 3, n) : NONE;
    this.gazetteerFlags[id] = flags;
    this.quote[id] = OPEN_QUOTES.has(token) ? OPENS : CLOSE_QUOTES.has(token) ? CLOSES : 0;
    const hyphen = lower.indexOf('-');
    const mask = (1 << this.bits) - 1;
    const b = id * WORD_FEATURES;
    let k = 0;
    const put = (value: number) => {
      this.buckets[b + k] = mix(k, value) & mask;
      k++;
    };
    put(0);
    put(hashString(normal));
    put(lowerHash);
    put(shape);
    put(kase);
    for (const length of PREFIX_LENGTHS) put(n > length ? hashRange(lower, 0, length) : NONE);
    for (const length of SUFFIX_LENGTHS) put(n > length ? hashRange(lower, n - length, n) : NONE);
    put(hyphen > 0 ? hashRange(lower, 0, hyphen) : NONE);
    put(hyphen > 0 ? hashRange(lower, lower.lastIndexOf('-') + 1, n) : NONE);
    put(mix(flags, kase));
    return id;
  }

  private grow(): void {
    const size = this.lower.length * 2;
    const grown = <T extends Uint32Array | Uint8Array>(a: T, make: (n: number) => T, stride = 1): T => {
      const b = make(size * stride);
      b.set(a);
      return b;
    };
    this.lower = grown(this.lower, (n) => new Uint32Array(n));
    this.kase = grown(this.kase, (n) => new Uint8Array(n));
    this.shape = grown(this.shape, (n) => new Uint32Array(n));
    this.suffix = grown(this.suffix, (n) => new Uint32Array(n));
    this.gazetteerFlags = grown(this.gazetteerFlags, (n) => new Uint32Array(n));
    this.quote = grown(this.quote, (n) => new Uint8Array(n));
    this.buckets = grown(this.buckets, (n) => new Uint32Array(n), WORD_FEATURES);
  }
}

const SPAN_KIND_COUNT = SPAN_KINDS.length;

/**
 * Gazetteer span pattern of each token of a sentence (padded atoms, two either side): per span
 * kind, the token's place (1 begin, 2 inside, 3 last, 4 alone) in the longest entry of that kind
 * that starts at a capitalised word, earlier matches first; the kinds' places combine base 5.
 */
function spanPatterns(lo: Uint32Array, ca: Uint32Array, n: number, gazetteer: Gazetteer): Uint32Array {
  const patterns = new Uint32Array(n + 2);
  if (gazetteer.spans.size === 0) return patterns;
  const codes = new Uint8Array(n * SPAN_KIND_COUNT);
  const ends = new Int32Array(SPAN_KIND_COUNT);
  for (let i = 0; i < n; i++) {
    const c = ca[i + 2]!;
    if (c === Case.Lower || c === Case.Other || c === Case.Digits) continue;
    ends.fill(-1);
    let hash = Gazetteer.SPAN_SEED;
    let any = false;
    for (let j = i; j < n && j < i + MAX_SPAN_TOKENS; j++) {
      hash = Gazetteer.spanStep(hash, lo[j + 2]!);
      const v = gazetteer.span(hash);
      if (v === 0) break;
      for (let kind = 0; kind < SPAN_KIND_COUNT; kind++)
        if (v & (1 << kind)) {
          ends[kind] = j;
          any = true;
        }
      if (!(v & Gazetteer.CONTINUES)) break;
    }
    if (!any) continue;
    for (let kind = 0; kind < SPAN_KIND_COUNT; kind++) {
      const end = ends[kind]!;
      if (end < 0 || codes[i * SPAN_KIND_COUNT + kind]) continue;
      for (let j = i; j <= end; j++)
        codes[j * SPAN_KIND_COUNT + kind] = end === i ? 4 : j === i ? 1 : j === end ? 3 : 2;
    }
  }
  for (let i = 0; i < n; i++) {
    let p = 0;
    for (let kind = SPAN_KIND_COUNT - 1; kind >= 0; kind--) p = p * 5 + codes[i * SPAN_KIND_COUNT + kind]!;
    patterns[i + 1] = p;
  }
  return patterns;
}

/** Features of a document: per sentence, the lexicon id of each token and the context buckets. */
export interface DocumentAnalysis {
  /** Lexicon ids of the tokens (their word-template buckets sit in the lexicon). */
  ids: Int32Array[];
  /** CONTEXT_FEATURES bucket numbers per token. */
  context: Uint32Array[];
  /** Hash of each token's lower-cased form. */
  words: Uint32Array[];
  /** Capitalisation class of each token. */
  cases: Uint8Array[];
}

/**
 * Context buckets of every token of a document. Context templates read the neighbours two
 * either side, sentence starts, «…» quotes, and how the same word is written elsewhere in the
 * document away from sentence starts (bit 0: lower case, bit 1: title case, bit 2: capitals;
 * 8 when never), which settles headline capitals and sentence-initial words.
 */
export function analyseTokens(sentences: readonly (readonly string[])[], lexicon: Lexicon): DocumentAnalysis {
  lexicon.trim();
  const mask = (1 << lexicon.bits) - 1;
  const ids = sentences.map((tokens) => Int32Array.from(tokens, (t) => lexicon.id(t)));
  const { lower, kase, shape, suffix, gazetteerFlags, quote } = lexicon;
  const docCases = new Map<number, number>();
  for (const sentence of ids) {
    for (let i = 1; i < sentence.length; i++) {
      const id = sentence[i]!;
      const c = kase[id]!;
      const bit = c === Case.Lower ? 1 : c === Case.Title ? 2 : c === Case.Upper ? 4 : 0;
      const key = lower[id]!;
      docCases.set(key, (docCases.get(key) ?? 0) | bit);
    }
  }
  const words: Uint32Array[] = [];
  const cases: Uint8Array[] = [];
  const context = ids.map((sentence) => {
    const n = sentence.length;
    // Atoms padded with two boundary tokens either side.
    const lo = new Uint32Array(n + 4).fill(BOUNDARY);
    const ca = new Uint32Array(n + 4).fill(BOUNDARY);
    const sh = new Uint32Array(n + 4).fill(BOUNDARY);
    const su = new Uint32Array(n + 4).fill(NONE);
    const gz = new Uint32Array(n + 4);
    for (let i = 0; i < n; i++) {
      const id = sentence[i]!;
      lo[i + 2] = lower[id]!;
      ca[i + 2] = kase[id]!;
      sh[i + 2] = shape[id]!;
      su[i + 2] = suffix[id]!;
      gz[i + 2] = gazetteerFlags[id]!;
    }
    words.push(lo.slice(2, n + 2));
    cases.push(Uint8Array.from(ca.subarray(2, n + 2)));
    const out = new Uint32Array(n * CONTEXT_FEATURES);
    // Span patterns, padded one either side (0: no entry).
    const sp = spanPatterns(lo, ca, n, lexicon.gazetteer);
    let depth = 0;
    for (let i = 0; i < n; i++) {
      const id = sentence[i]!;
      // Inside «…» quotes: names of organisations and units often are.
      if (quote[id] === CLOSES) depth = Math.max(0, depth - 1);
      const quoted = depth > 0 ? 1 : 0;
      if (quote[id] === OPENS) depth++;
      const w = i + 2;
      const c = ca[w]!;
      const l = lo[w]!;
      let j = i * CONTEXT_FEATURES;
      let k = WORD_FEATURES;
      out[j++] = mix(k++, lo[w - 1]!) & mask;
      out[j++] = mix(k++, lo[w + 1]!) & mask;
      out[j++] = mix(k++, lo[w - 2]!) & mask;
      out[j++] = mix(k++, lo[w + 2]!) & mask;
      out[j++] = mix(k++, mix(sh[w - 1]!, sh[w]!)) & mask;
      out[j++] = mix(k++, mix(sh[w]!, sh[w + 1]!)) & mask;
      out[j++] = mix(k++, mix(mix(ca[w - 1]!, c), ca[w + 1]!)) & mask;
      out[j++] = mix(k++, mix(lo[w - 1]!, l)) & mask;
      out[j++] = mix(k++, mix(l, lo[w + 1]!)) & mask;
      out[j++] = mix(k++, mix(i === 0 ? 1 : 0, c)) & mask;
      out[j++] = mix(k++, mix(docCases.get(l) ?? 8, c)) & mask;
      out[j++] = mix(k++, mix(lo[w - 1]!, c)) & mask;
      out[j++] = mix(k++, mix(lo[w + 1]!, c)) & mask;
      out[j++] = mix(k++, mix(ca[w - 1]!, l)) & mask;
      out[j++] = mix(k++, mix(quoted, c)) & mask;
      out[j++] = mix(k++, su[w - 1]!) & mask;
      out[j++] = mix(k++, su[w + 1]!) & mask;
      out[j++] = mix(k++, mix(ca[w - 2]!, ca[w - 1]!) ^ c) & mask;
      out[j++] = mix(k++, mix(ca[w + 1]!, ca[w + 2]!) ^ c) & mask;
      out[j++] = mix(k++, mix(mix(gz[w - 1]!, gz[w]!), gz[w + 1]!)) & mask;
      out[j++] = mix(k++, sp[i + 1]!) & mask;
      out[j++] = mix(k++, mix(sp[i + 1]!, c)) & mask;
      out[j++] = mix(k++, mix(mix(sp[i]!, sp[i + 1]!), sp[i + 2]!)) & mask;
    }
    return out;
  });
  return { ids, context, words, cases };
}

/**
 * Feature buckets for every token of a document: one Uint32Array per sentence holding
 * FEATURES_PER_TOKEN bucket numbers (hash modulo 2^bits) per token, the word templates
 * first, then the context templates (see analyseTokens).
 */
export function documentFeatures(
  sentences: readonly (readonly string[])[],
  bits: number,
  gazetteer: Gazetteer = Gazetteer.none,
  lexicon = new Lexicon(bits, gazetteer),
): Uint32Array[] {
  const analysis = analyseTokens(sentences, lexicon);
  return analysis.ids.map((ids, s) => {
    const context = analysis.context[s] ?? new Uint32Array(0);
    const out = new Uint32Array(ids.length * FEATURES_PER_TOKEN);
    ids.forEach((id, i) => {
      out.set(lexicon.buckets.subarray(id * WORD_FEATURES, (id + 1) * WORD_FEATURES), i * FEATURES_PER_TOKEN);
      out.set(context.subarray(i * CONTEXT_FEATURES, (i + 1) * CONTEXT_FEATURES), i * FEATURES_PER_TOKEN + WORD_FEATURES);
    });
    return out;
  });
}
