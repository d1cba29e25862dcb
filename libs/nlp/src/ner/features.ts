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
export const WORD_FEATURES = 18;
/** Context templates: neighbours, position and document. */
export const CONTEXT_FEATURES = 25;
/** Number of features every token gets; feature rows are fixed-stride for speed (word templates first). */
export const FEATURES_PER_TOKEN = WORD_FEATURES + CONTEXT_FEATURES;

/**
 * Template sets: 1, the templates above (English); 2 adds the morphology bits of the
 * gazetteer (OpenCorpora grammemes of the form, bits 16 and up) alone and with the case, as
 * word templates, and as context templates the word before an opening «, the place inside
 * quotes, and the morphology bits of the neighbours with the token's case (Russian).
 */
export type FeatureSet = 1 | 2 | 3;
const EXTRA_WORD_FEATURES = 2;
const EXTRA_CONTEXT_FEATURES = 4;
/** Set 3 (Russian): set 2 plus organisational head nouns (orgHeadClass) and quotes met elsewhere in the document. */
const HEAD_WORD_FEATURES = 2;
const HEAD_CONTEXT_FEATURES = 5;

/** Template counts of a feature set. */
export function featureCounts(set: FeatureSet): { word: number; context: number; perToken: number } {
  const word = WORD_FEATURES + (set >= 2 ? EXTRA_WORD_FEATURES : 0) + (set >= 3 ? HEAD_WORD_FEATURES : 0);
  const context = CONTEXT_FEATURES + (set >= 2 ? EXTRA_CONTEXT_FEATURES : 0) + (set >= 3 ? HEAD_CONTEXT_FEATURES : 0);
  return { word, context, perToken: word + context };
}

/**
 * Stems of the nouns that head Russian organisation names, by kind (1 state bodies, 2 parties
 * and movements, 3 companies and teams, 4 media, 5 institutions and their parts); a word is one
 * when it is a stem plus one of HEAD_ENDINGS (министерству, партии, радиостанция).
 */
const ORG_HEADS: Record<number, string[]> = {
  1: [
    'министерств',
    'управлени',
    'комитет',
    'комисси',
    'департамент',
    'ведомств',
    'служб',
    'администраци',
    'правительств',
    'прокуратур',
    'суд',
    'дум',
    'совет',
    'парламент',
    'палат',
    'мэри',
    'полици',
    'милици',
    'инспекци',
    'казначейств',
    'генштаб',
    'штаб',
    'мисси',
    'посольств',
    'консульств',
    'трибунал',
    'сенат',
    'кабинет',
    'минобороны',
    'мид',
    'главк',
    'префектур',
    'муниципалитет',
    'ассамбле',
    'комиссариат',
  ],
  2: [
    'парти',
    'движени',
    'фронт',
    'союз',
    'блок',
    'фракци',
    'организаци',
    'объединени',
    'ассоциаци',
    'фонд',
    'обществ',
    'федераци',
    'лиг',
    'конгресс',
    'коалици',
    'профсоюз',
    'альянс',
    'группировк',
    'кампани',
  ],
  3: [
    'компани',
    'корпораци',
    'концерн',
    'холдинг',
    'банк',
    'групп',
    'завод',
    'комбинат',
    'фирм',
    'предприяти',
    'команд',
    'клуб',
    'сборн',
    'трест',
    'авиакомпани',
    'автоконцерн',
    'производител',
    'оператор',
    'сеть',
    'магазин',
    'биржа',
    'бирж',
    'гипермаркет',
    'фабрик',
    'верф',
  ],
  4: [
    'газет',
    'журнал',
    'телеканал',
    'канал',
    'радиостанци',
    'радио',
    'агентств',
    'издани',
    'издательств',
    'телекомпани',
    'портал',
    'сайт',
    'еженедельник',
    'информагентств',
    'телерадиокомпани',
    'таблоид',
  ],
  5: [
    'университет',
    'институт',
    'академи',
    'театр',
    'музей',
    'школ',
    'центр',
    'лаборатори',
    'библиотек',
    'консерватори',
    'училищ',
    'колледж',
    'филармони',
    'экспедици',
    'отделени',
    'больниц',
    'клиник',
    'госпитал',
    'обсерватори',
    'галере',
    'оркестр',
    'ансамбл',
    'хор',
    'студи',
    'факультет',
    'кафедр',
    'лице',
    'гимнази',
  ],
};
/** Legal forms and abbreviated heads, matched as the whole word. */
const ORG_HEAD_WORDS: Record<number, string[]> = {
  3: ['ооо', 'оао', 'зао', 'пао', 'ао', 'нко', 'гуп', 'фгуп', 'муп', 'нпо', 'ркк', 'фк', 'хк', 'пк'],
  4: ['риа', 'сми'],
  5: ['нии', 'вуз'],
};
const HEAD_ENDINGS = [
  '',
  'а',
  'я',
  'о',
  'е',
  'у',
  'ю',
  'ы',
  'и',
  'ь',
  'й',
  'ом',
  'ем',
  'ой',
  'ей',
  'ою',
  'ам',
  'ям',
  'ах',
  'ях',
  'ами',
  'ями',
  'ов',
  'ев',
  'ий',
  'ия',
  'ию',
  'ием',
  'иям',
  'иях',
  'иями',
  'ые',
  'ых',
  'ым',
  'ыми',
  'ая',
  'ое',
];
const HEAD_STEMS = new Map<string, number>();
for (const [kind, stems] of Object.entries(ORG_HEADS)) for (const stem of stems) HEAD_STEMS.set(stem, Number(kind));
const HEAD_WORDS = new Map<string, number>();
for (const [kind, words] of Object.entries(ORG_HEAD_WORDS))
  for (const word of words) HEAD_WORDS.set(word, Number(kind));

/** 1 for a word in Cyrillic letters only, 2 in Latin only, 3 for both, 0 for none. */
export function scriptOf(token: string): number {
  let script = 0;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) script |= 2;
    else if (code >= 0x400 && code <= 0x4ff) script |= 1;
  }
  return script;
}

/** Kind of organisational head noun a lower-case word is (ORG_HEADS), 0 when none. */
export function orgHeadClass(lower: string): number {
  const exact = HEAD_WORDS.get(lower);
  if (exact !== undefined) return exact;
  const n = lower.length;
  for (const ending of HEAD_ENDINGS) {
    if (ending.length >= n - 2 || !lower.endsWith(ending)) continue;
    const kind = HEAD_STEMS.get(lower.slice(0, n - ending.length));
    if (kind !== undefined) return kind;
  }
  return 0;
}

/** Gazetteer flags from this bit up are morphology (GAZETTEER_FLAGS.morph*). */
const MORPH_SHIFT = 16;

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
  private lowerIds = new Map<number, number>();
  lower = new Uint32Array(1024);
  /** Dense id of the lower-cased form (Bank and bank share one), for per-document tallies in flat arrays. */
  lowerId = new Uint32Array(1024);
  kase = new Uint8Array(1024);
  shape = new Uint32Array(1024);
  suffix = new Uint32Array(1024);
  /** Hash of the word less its last two letters when it has five or more (Russian inflects names: России, Россия). */
  stem = new Uint32Array(1024);
  gazetteerFlags = new Uint32Array(1024);
  quote = new Uint8Array(1024);
  /** orgHeadClass of the word (feature set 3). */
  head = new Uint8Array(1024);
  /** Gazetteer span bits of the word alone (an entry starts with it when non-zero). */
  spanStart = new Uint16Array(1024);
  buckets: Uint32Array;
  /** Bumped whenever the lexicon starts afresh, so caches keyed by id know to drop theirs. */
  generation = 0;
  /** Word templates per word, context templates per token (by feature set). */
  readonly wordFeatures: number;
  readonly contextFeatures: number;
  readonly featuresPerToken: number;

  constructor(
    readonly bits: number,
    readonly gazetteer: Gazetteer,
    readonly capacity = 1 << 16,
    readonly featureSet: FeatureSet = 1,
  ) {
    const counts = featureCounts(featureSet);
    this.wordFeatures = counts.word;
    this.contextFeatures = counts.context;
    this.featuresPerToken = counts.perToken;
    this.buckets = new Uint32Array(1024 * counts.word);
  }

  get size(): number {
    return this.ids.size;
  }

  /** Number of distinct lower-cased forms (lowerId values are below it). */
  get lowerSize(): number {
    return this.lowerIds.size;
  }

  /** Starts afresh when full; call between documents only (ids of the current one stay valid). */
  trim(): void {
    if (this.ids.size < this.capacity) return;
    this.ids.clear();
    this.lowerIds.clear();
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
    let lowerId = this.lowerIds.get(lowerHash);
    if (lowerId === undefined) {
      lowerId = this.lowerIds.size;
      this.lowerIds.set(lowerHash, lowerId);
    }
    this.lowerId[id] = lowerId;
    this.kase[id] = kase;
    this.shape[id] = shape;
    this.suffix[id] = n > 3 ? hashRange(lower, n - 3, n) : NONE;
    const stem = n >= 5 ? hashRange(lower, 0, n - 2) : lowerHash;
    this.stem[id] = stem;
    this.gazetteerFlags[id] = flags;
    this.spanStart[id] = this.gazetteer.span(Gazetteer.spanStep(Gazetteer.SPAN_SEED, lowerHash));
    this.quote[id] = OPEN_QUOTES.has(token) ? OPENS : CLOSE_QUOTES.has(token) ? CLOSES : 0;
    const head = this.featureSet >= 3 ? orgHeadClass(lower) : 0;
    this.head[id] = head;
    const hyphen = lower.indexOf('-');
    const mask = (1 << this.bits) - 1;
    const b = id * this.wordFeatures;
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
    put(mix(stem, 0x51ed27));
    put(mix(stem, kase));
    if (this.featureSet >= 2) {
      const morph = flags >>> MORPH_SHIFT;
      put(morph);
      put(mix(morph, kase));
    }
    if (this.featureSet >= 3) {
      put(mix(head, kase));
      // The script: Russian news writes foreign companies and media in Latin letters (Oracle,
      // Red Bull) but transliterates people's names.
      put(mix(scriptOf(token), kase));
    }
    return id;
  }

  private grow(): void {
    const size = this.lower.length * 2;
    const grown = <T extends Uint32Array | Uint16Array | Uint8Array>(a: T, make: (n: number) => T, stride = 1): T => {
      const b = make(size * stride);
      b.set(a);
      return b;
    };
    this.lower = grown(this.lower, (n) => new Uint32Array(n));
    this.lowerId = grown(this.lowerId, (n) => new Uint32Array(n));
    this.kase = grown(this.kase, (n) => new Uint8Array(n));
    this.shape = grown(this.shape, (n) => new Uint32Array(n));
    this.suffix = grown(this.suffix, (n) => new Uint32Array(n));
    this.stem = grown(this.stem, (n) => new Uint32Array(n));
    this.gazetteerFlags = grown(this.gazetteerFlags, (n) => new Uint32Array(n));
    this.quote = grown(this.quote, (n) => new Uint8Array(n));
    this.head = grown(this.head, (n) => new Uint8Array(n));
    this.spanStart = grown(this.spanStart, (n) => new Uint16Array(n));
    this.buckets = grown(this.buckets, (n) => new Uint32Array(n), this.wordFeatures);
  }
}

const SPAN_KIND_COUNT = SPAN_KINDS.length;

/**
 * Gazetteer span pattern of each token of a sentence (atoms padded two either side): per span
 * kind, the token's place (1 begin, 2 inside, 3 last, 4 alone) in the longest entry of that kind
 * that starts at a capitalised word, earlier matches first; the kinds' places combine base 5.
 * Writes patterns[1..n] (0: no entry); patterns[0] and patterns[n + 1] stay 0.
 */
function spanPatterns(
  lo: Uint32Array,
  ca: Uint32Array,
  starts: Uint32Array,
  n: number,
  gazetteer: Gazetteer,
  patterns: Uint32Array,
): void {
  patterns.fill(0, 0, n + 2);
  if (gazetteer.spans.size === 0) return;
  let codes: Uint8Array | undefined;
  for (let i = 0; i < n; i++) {
    const c = ca[i + 2]!;
    if (starts[i + 2] === 0 || c === Case.Lower || c === Case.Other || c === Case.Digits) continue;
    let hash = Gazetteer.SPAN_SEED;
    let ended = 0;
    let e0 = -1;
    let e1 = -1;
    let e2 = -1;
    let e3 = -1;
    for (let j = i; j < n && j < i + MAX_SPAN_TOKENS; j++) {
      hash = Gazetteer.spanStep(hash, lo[j + 2]!);
      // The first word's bits are cached in the lexicon.
      const v = j === i ? starts[i + 2]! : gazetteer.span(hash);
      if (v === 0) break;
      if (v & 1) e0 = j;
      if (v & 2) e1 = j;
      if (v & 4) e2 = j;
      if (v & 8) e3 = j;
      ended |= v;
      if (!(v & Gazetteer.CONTINUES)) break;
    }
    if ((ended & 15) === 0) continue;
    codes ??= new Uint8Array(n * SPAN_KIND_COUNT);
    const ends = [e0, e1, e2, e3];
    for (let kind = 0; kind < SPAN_KIND_COUNT; kind++) {
      const last = ends[kind]!;
      if (last < 0 || codes[i * SPAN_KIND_COUNT + kind]) continue;
      for (let j = i; j <= last; j++)
        codes[j * SPAN_KIND_COUNT + kind] = last === i ? 4 : j === i ? 1 : j === last ? 3 : 2;
    }
  }
  if (!codes) return;
  for (let i = 0; i < n; i++) {
    let p = 0;
    for (let kind = SPAN_KIND_COUNT - 1; kind >= 0; kind--) p = p * 5 + codes[i * SPAN_KIND_COUNT + kind]!;
    patterns[i + 1] = p;
  }
}

/** Features of a document: per sentence, the lexicon id of each token and the context buckets. */
export interface DocumentAnalysis {
  /** Lexicon ids of the tokens (their word-template buckets sit in the lexicon). */
  ids: Int32Array[];
  /** Lexicon.contextFeatures bucket numbers per token. */
  context: Uint32Array[];
  /** Lexicon id of each token's lower-cased form (Lexicon.lowerId). */
  words: Uint32Array[];
  /** Capitalisation class of each token. */
  cases: Uint8Array[];
}

/** One salt per template, so that equal values of different templates land in different buckets. */
const SALTS = Uint32Array.from({ length: featureCounts(3).perToken }, (_, k) => mix(k, 0x5bd1e995));

/** Combines two atoms into one value (cheap: the bucket hash mixes it further). */
function pair(a: number, b: number): number {
  return Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
}

/** Scratch rows of one sentence's atoms, padded two either side; reused (tagging is synchronous). */
let scratchSize = 0;
let lo = new Uint32Array(0);
let ca = new Uint32Array(0);
let sh = new Uint32Array(0);
let su = new Uint32Array(0);
let gz = new Uint32Array(0);
let sp = new Uint32Array(0);
let st = new Uint32Array(0);
let sm = new Uint32Array(0);
let hd = new Uint32Array(0);

/** Buffers of the last document analysed with `reuse`. */
let documentScratch = {
  ids: new Int32Array(0),
  words: new Uint32Array(0),
  cases: new Uint8Array(0),
  context: new Uint32Array(0),
};

/** Per lower-case form: the document stamp and the case bits of how the document writes it. */
let caseStamps = new Int32Array(0);
let caseBits = new Uint8Array(0);
let caseStamp = 0;
/** Per lower-case form: 1 when the document has it inside «…» quotes somewhere (feature set 3). */
let quotedBits = new Uint8Array(0);

function ensureScratch(n: number): void {
  if (n + 4 <= scratchSize) return;
  scratchSize = Math.max(64, (n + 4) * 2);
  lo = new Uint32Array(scratchSize);
  ca = new Uint32Array(scratchSize);
  sh = new Uint32Array(scratchSize);
  su = new Uint32Array(scratchSize);
  gz = new Uint32Array(scratchSize);
  sp = new Uint32Array(scratchSize);
  st = new Uint32Array(scratchSize);
  sm = new Uint32Array(scratchSize);
  hd = new Uint32Array(scratchSize);
}

/**
 * Context buckets of every token of a document. Context templates read the neighbours two
 * either side, sentence starts, «…» quotes, gazetteer spans, and how the same word is written
 * elsewhere in the document away from sentence starts (bit 0: lower case, bit 1: title case,
 * bit 2: capitals; 8 when never), which settles headline capitals and sentence-initial words.
 */
export function analyseTokens(
  sentences: readonly (readonly string[])[],
  lexicon: Lexicon,
  /** Write into buffers reused by the next call (tagging, which keeps nothing of it) instead of fresh ones. */
  reuse = false,
): DocumentAnalysis {
  lexicon.trim();
  const shift = 32 - lexicon.bits;
  const CF = lexicon.contextFeatures;
  const extended = lexicon.featureSet >= 2;
  const heads = lexicon.featureSet >= 3;
  let total = 0;
  for (const tokens of sentences) total += tokens.length;
  if (reuse && documentScratch.ids.length < total) {
    const size = total * 2;
    documentScratch = {
      ids: new Int32Array(size),
      words: new Uint32Array(size),
      cases: new Uint8Array(size),
      context: new Uint32Array(size * CF),
    };
  }
  const allIds = reuse ? documentScratch.ids : new Int32Array(total);
  const allWords = reuse ? documentScratch.words : new Uint32Array(total);
  const allCases = reuse ? documentScratch.cases : new Uint8Array(total);
  if (reuse && documentScratch.context.length < total * CF) documentScratch.context = new Uint32Array(total * 2 * CF);
  const allContext = reuse ? documentScratch.context : new Uint32Array(total * CF);
  const ids: Int32Array[] = [];
  const words: Uint32Array[] = [];
  const cases: Uint8Array[] = [];
  const context: Uint32Array[] = [];
  let at = 0;
  for (const tokens of sentences) {
    const n = tokens.length;
    for (let i = 0; i < n; i++) allIds[at + i] = lexicon.id(tokens[i]!);
    ids.push(allIds.subarray(at, at + n));
    words.push(allWords.subarray(at, at + n));
    cases.push(allCases.subarray(at, at + n));
    context.push(allContext.subarray(at * CF, (at + n) * CF));
    at += n;
  }
  const { lower, lowerId, kase, shape, suffix, stem, gazetteerFlags, quote, spanStart, head } = lexicon;
  // How each word is written away from sentence starts, per lower-case form (8: never), in
  // reused arrays: an entry counts only where its stamp is this document's.
  if (caseStamps.length < lexicon.lowerSize) {
    caseStamps = new Int32Array(lexicon.lowerSize * 2);
    caseBits = new Uint8Array(lexicon.lowerSize * 2);
    quotedBits = new Uint8Array(lexicon.lowerSize * 2);
  }
  const stamp = ++caseStamp;
  const docCases = caseBits;
  const docQuoted = quotedBits;
  for (const sentence of ids) {
    let depth = 0;
    for (let i = 0; i < sentence.length; i++) {
      const key = lowerId[sentence[i]!]!;
      if (caseStamps[key] !== stamp) {
        caseStamps[key] = stamp;
        docCases[key] = 8;
        docQuoted[key] = 0;
      }
      if (heads) {
        const q = quote[sentence[i]!]!;
        if (q === CLOSES) depth = Math.max(0, depth - 1);
        else if (q === OPENS) depth++;
        else if (depth > 0) docQuoted[key]! |= 1;
        // Written after an organisational head noun (компании Oracle).
        if (i > 0 && head[sentence[i - 1]!]! && kase[sentence[i]!]! !== Case.Lower) docQuoted[key]! |= 2;
      }
      if (i === 0) continue;
      const c = kase[sentence[i]!]!;
      const bit = c === Case.Lower ? 1 : c === Case.Title ? 2 : c === Case.Upper ? 4 : 0;
      docCases[key] = (docCases[key]! & 7) | bit;
    }
  }
  const salts = SALTS;
  const M = 0x9e3779b1;
  for (let s = 0; s < ids.length; s++) {
    const sentence = ids[s]!;
    const n = sentence.length;
    ensureScratch(n);
    lo.fill(BOUNDARY, 0, n + 4);
    ca.fill(BOUNDARY, 0, n + 4);
    sh.fill(BOUNDARY, 0, n + 4);
    su.fill(NONE, 0, n + 4);
    sm.fill(BOUNDARY, 0, n + 4);
    hd.fill(0, 0, n + 4);
    gz.fill(0, 0, n + 4);
    const wordsHere = words[s]!;
    const casesHere = cases[s]!;
    for (let i = 0; i < n; i++) {
      const id = sentence[i]!;
      lo[i + 2] = lower[id]!;
      ca[i + 2] = kase[id]!;
      sh[i + 2] = shape[id]!;
      su[i + 2] = suffix[id]!;
      gz[i + 2] = gazetteerFlags[id]!;
      st[i + 2] = spanStart[id]!;
      sm[i + 2] = stem[id]!;
      hd[i + 2] = head[id]!;
      wordsHere[i] = lowerId[id]!;
      casesHere[i] = kase[id]!;
    }
    spanPatterns(lo, ca, st, n, lexicon.gazetteer, sp);
    const out = context[s]!;
    let depth = 0;
    let opener = NONE;
    let openedAt = -1;
    let openerHead = 0;
    /** The last organisational head noun (index, kind) with only words since. */
    let headAt = -10;
    let headKind = 0;
    for (let i = 0; i < n; i++) {
      const id = sentence[i]!;
      // Inside «…» quotes: names of organisations and units often are.
      if (quote[id] === CLOSES) depth = Math.max(0, depth - 1);
      const quoted = depth > 0 ? 1 : 0;
      if (quote[id] === OPENS) {
        if (depth === 0) {
          // The word before the opening quote (партии «Яблоко», РИА «Новости»), by stem.
          opener = i > 0 ? sm[i + 1]! : BOUNDARY;
          openerHead = i > 0 ? hd[i + 1]! : 0;
          openedAt = i;
        }
        depth++;
      }
      const w = i + 2;
      const c = ca[w]!;
      const l = lo[w]!;
      const p1 = lo[w - 1]!;
      const n1 = lo[w + 1]!;
      const j = i * CF;
      const S = WORD_FEATURES;
      out[j] = Math.imul(p1 ^ salts[S]!, M) >>> shift;
      out[j + 1] = Math.imul(n1 ^ salts[S + 1]!, M) >>> shift;
      out[j + 2] = Math.imul(lo[w - 2]! ^ salts[S + 2]!, M) >>> shift;
      out[j + 3] = Math.imul(lo[w + 2]! ^ salts[S + 3]!, M) >>> shift;
      out[j + 4] = Math.imul(pair(sh[w - 1]!, sh[w]!) ^ salts[S + 4]!, M) >>> shift;
      out[j + 5] = Math.imul(pair(sh[w]!, sh[w + 1]!) ^ salts[S + 5]!, M) >>> shift;
      out[j + 6] = Math.imul(pair(pair(ca[w - 1]!, c), ca[w + 1]!) ^ salts[S + 6]!, M) >>> shift;
      out[j + 7] = Math.imul(pair(p1, l) ^ salts[S + 7]!, M) >>> shift;
      out[j + 8] = Math.imul(pair(l, n1) ^ salts[S + 8]!, M) >>> shift;
      out[j + 9] = Math.imul(pair(i === 0 ? 1 : 0, c) ^ salts[S + 9]!, M) >>> shift;
      out[j + 10] = Math.imul(pair(docCases[lowerId[id]!]!, c) ^ salts[S + 10]!, M) >>> shift;
      out[j + 11] = Math.imul(pair(p1, c) ^ salts[S + 11]!, M) >>> shift;
      out[j + 12] = Math.imul(pair(n1, c) ^ salts[S + 12]!, M) >>> shift;
      out[j + 13] = Math.imul(pair(ca[w - 1]!, l) ^ salts[S + 13]!, M) >>> shift;
      out[j + 14] = Math.imul(pair(quoted, c) ^ salts[S + 14]!, M) >>> shift;
      out[j + 15] = Math.imul(su[w - 1]! ^ salts[S + 15]!, M) >>> shift;
      out[j + 16] = Math.imul(su[w + 1]! ^ salts[S + 16]!, M) >>> shift;
      out[j + 17] = Math.imul(pair(pair(ca[w - 2]!, ca[w - 1]!), c) ^ salts[S + 17]!, M) >>> shift;
      out[j + 18] = Math.imul(pair(pair(ca[w + 1]!, ca[w + 2]!), c) ^ salts[S + 18]!, M) >>> shift;
      out[j + 19] = Math.imul(pair(pair(gz[w - 1]!, gz[w]!), gz[w + 1]!) ^ salts[S + 19]!, M) >>> shift;
      out[j + 20] = Math.imul(sp[i + 1]! ^ salts[S + 20]!, M) >>> shift;
      out[j + 21] = Math.imul(pair(sp[i + 1]!, c) ^ salts[S + 21]!, M) >>> shift;
      out[j + 22] = Math.imul(pair(pair(sp[i]!, sp[i + 1]!), sp[i + 2]!) ^ salts[S + 22]!, M) >>> shift;
      out[j + 23] = Math.imul(pair(sm[w - 1]!, c) ^ salts[S + 23]!, M) >>> shift;
      out[j + 24] = Math.imul(pair(sm[w + 1]!, c) ^ salts[S + 24]!, M) >>> shift;
      if (!extended) continue;
      // Inside quotes: first word (after «), last word (before »), both, or another.
      const closesNext = i + 1 < n && quote[sentence[i + 1]!] === CLOSES ? 2 : 0;
      const place = quoted ? 4 + (openedAt === i - 1 ? 1 : 0) + closesNext : 0;
      out[j + 25] = Math.imul(pair(quoted ? opener : NONE, c) ^ salts[S + 25]!, M) >>> shift;
      out[j + 26] = Math.imul(pair(place, c) ^ salts[S + 26]!, M) >>> shift;
      out[j + 27] = Math.imul(pair(gz[w - 1]! >>> MORPH_SHIFT, c) ^ salts[S + 27]!, M) >>> shift;
      out[j + 28] = Math.imul(pair(gz[w + 1]! >>> MORPH_SHIFT, c) ^ salts[S + 28]!, M) >>> shift;
      if (!heads) continue;
      // Organisational head nouns next to the word, before its quotes, or a few words back
      // (министерства иностранных дел), and whether the document quotes the word elsewhere.
      const distance = i - headAt;
      const near = distance <= 4 ? pair(headKind, distance) : 0;
      const quotedElsewhere = docQuoted[lowerId[id]!]!;
      out[j + 29] = Math.imul(pair(hd[w - 1]!, c) ^ salts[S + 29]!, M) >>> shift;
      out[j + 30] = Math.imul(pair(hd[w + 1]!, c) ^ salts[S + 30]!, M) >>> shift;
      out[j + 31] = Math.imul(pair(quoted ? pair(openerHead, place) : NONE, c) ^ salts[S + 31]!, M) >>> shift;
      out[j + 32] = Math.imul(pair(near, c) ^ salts[S + 32]!, M) >>> shift;
      out[j + 33] = Math.imul(pair(pair(quotedElsewhere, quoted), c) ^ salts[S + 33]!, M) >>> shift;
      if (hd[w]!) {
        headAt = i;
        headKind = hd[w]!;
      } else if (c === Case.Other || c === Case.Digits) headAt = -10;
    }
  }
  return { ids, context, words, cases };
}

/**
 * Feature buckets for every token of a document: one Uint32Array per sentence holding
 * Lexicon.featuresPerToken bucket numbers (hash modulo 2^bits) per token, the word templates
 * first, then the context templates (see analyseTokens).
 */
export function documentFeatures(
  sentences: readonly (readonly string[])[],
  bits: number,
  gazetteer: Gazetteer = Gazetteer.none,
  lexicon = new Lexicon(bits, gazetteer),
): Uint32Array[] {
  const analysis = analyseTokens(sentences, lexicon);
  const { wordFeatures: WF, contextFeatures: CF, featuresPerToken: PT } = lexicon;
  return analysis.ids.map((ids, s) => {
    const context = analysis.context[s] ?? new Uint32Array(0);
    const out = new Uint32Array(ids.length * PT);
    ids.forEach((id, i) => {
      out.set(lexicon.buckets.subarray(id * WF, (id + 1) * WF), i * PT);
      out.set(context.subarray(i * CF, (i + 1) * CF), i * PT + WF);
    });
    return out;
  });
}
