import { Gazetteer } from './gazetteer.js';
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

/** Number of features every token gets; feature rows are fixed-stride for speed. */
export const FEATURES_PER_TOKEN = 36;

// Per-token atoms, hashed once and read by the templates of the token and its neighbours.
const LOWER_ATOM = 0;
const FORM = 1;
const SHAPE = 2;
const CASE = 3;
const PREFIX = 4; // 4 prefixes: 2, 3, 4, 5 characters
const SUFFIX = 8; // 4 suffixes: 1, 2, 3, 4 characters
const HYPHEN_HEAD = 12;
const HYPHEN_TAIL = 13;
const DOC_CASE = 14;
const QUOTED = 15;
const GAZETTEER = 16;
const ATOMS = 17;

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

/** Atoms of a sequence padded with two boundary tokens either side. */
function sentenceAtoms(
  tokens: readonly string[],
  lowers: readonly string[],
  cases: Uint8Array,
  shapes: Uint32Array,
  gazetteer: Gazetteer,
): Uint32Array {
  const atoms = new Uint32Array((tokens.length + 4) * ATOMS);
  for (const pad of [0, 1, tokens.length + 2, tokens.length + 3]) {
    atoms.fill(BOUNDARY, pad * ATOMS, pad * ATOMS + CASE);
    atoms.fill(NONE, pad * ATOMS + PREFIX, pad * ATOMS + DOC_CASE);
  }
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const lower = lowers[i] ?? '';
    const n = lower.length;
    const a = (i + 2) * ATOMS;
    const lowerHash = hashString(lower);
    atoms[a + LOWER_ATOM] = lowerHash;
    atoms[a + FORM] = hashString(TYPOGRAPHIC_QUOTES.get(token) ?? token);
    atoms[a + SHAPE] = shapes[i] ?? 0;
    atoms[a + CASE] = cases[i] ?? 0;
    atoms[a + GAZETTEER] = gazetteer.flags(lower, lowerHash);
    for (let p = 0; p < 4; p++) {
      const k = PREFIX_LENGTHS[p] ?? 0;
      atoms[a + PREFIX + p] = n > k ? hashRange(lower, 0, k) : NONE;
      const s = SUFFIX_LENGTHS[p] ?? 0;
      atoms[a + SUFFIX + p] = n > s ? hashRange(lower, n - s, n) : NONE;
    }
    const hyphen = lower.indexOf('-');
    atoms[a + HYPHEN_HEAD] = hyphen > 0 ? hashRange(lower, 0, hyphen) : NONE;
    atoms[a + HYPHEN_TAIL] = hyphen > 0 ? hashRange(lower, lower.lastIndexOf('-') + 1, n) : NONE;
    // Inside «…» quotes: names of organisations and units often are.
    if (CLOSE_QUOTES.has(token)) depth = Math.max(0, depth - 1);
    atoms[a + QUOTED] = depth > 0 ? 1 : 0;
    if (OPEN_QUOTES.has(token)) depth++;
  }
  return atoms;
}

const values = new Uint32Array(FEATURES_PER_TOKEN);

/** The values of every feature template for the token whose atoms start at `w`. */
function templateValues(atoms: Uint32Array, w: number, first: boolean, out: Uint32Array): void {
  const a = (offset: number) => atoms[offset] ?? 0;
  const p1 = w - ATOMS;
  const p2 = w - 2 * ATOMS;
  const n1 = w + ATOMS;
  const n2 = w + 2 * ATOMS;
  const kase = a(w + CASE);
  const lower = a(w + LOWER_ATOM);
  const gazetteer = a(w + GAZETTEER);
  let k = 0;
  out[k++] = 0;
  out[k++] = a(w + FORM);
  out[k++] = lower;
  out[k++] = a(w + SHAPE);
  out[k++] = kase;
  for (let p = 0; p < 4; p++) out[k++] = a(w + PREFIX + p);
  for (let p = 0; p < 4; p++) out[k++] = a(w + SUFFIX + p);
  out[k++] = a(p1 + LOWER_ATOM);
  out[k++] = a(n1 + LOWER_ATOM);
  out[k++] = a(p2 + LOWER_ATOM);
  out[k++] = a(n2 + LOWER_ATOM);
  out[k++] = mix(a(p1 + SHAPE), a(w + SHAPE));
  out[k++] = mix(a(w + SHAPE), a(n1 + SHAPE));
  out[k++] = mix(mix(a(p1 + CASE), kase), a(n1 + CASE));
  out[k++] = mix(a(p1 + LOWER_ATOM), lower);
  out[k++] = mix(lower, a(n1 + LOWER_ATOM));
  out[k++] = mix(first ? 1 : 0, kase);
  out[k++] = mix(a(w + DOC_CASE), kase);
  out[k++] = a(w + HYPHEN_HEAD);
  out[k++] = a(w + HYPHEN_TAIL);
  out[k++] = mix(a(p1 + LOWER_ATOM), kase);
  out[k++] = mix(a(n1 + LOWER_ATOM), kase);
  out[k++] = mix(a(p1 + CASE), lower);
  out[k++] = mix(a(w + QUOTED), kase);
  out[k++] = a(p1 + SUFFIX + 2);
  out[k++] = a(n1 + SUFFIX + 2);
  out[k++] = mix(a(p2 + CASE), a(p1 + CASE)) ^ kase;
  out[k++] = mix(a(n1 + CASE), a(n2 + CASE)) ^ kase;
  out[k++] = mix(gazetteer, kase);
  out[k++] = mix(mix(a(p1 + GAZETTEER), gazetteer), a(n1 + GAZETTEER));
}

/**
 * Feature buckets for every token of a document: one Uint32Array per sentence holding
 * FEATURES_PER_TOKEN bucket numbers (hash modulo 2^bits) per token. Features read the
 * token, its neighbours two either side, and how the same word is written elsewhere in
 * the document away from sentence starts (bit 0: lower case, bit 1: title case, bit 2:
 * capitals; 8 when never), which settles headline capitals and sentence-initial words.
 */
export function documentFeatures(
  sentences: readonly (readonly string[])[],
  bits: number,
  gazetteer: Gazetteer = Gazetteer.none,
): Uint32Array[] {
  return analyseDocument(sentences, bits, gazetteer).rows;
}

/** Feature rows of a document, with what the second pass reads of each token. */
export interface DocumentAnalysis {
  rows: Uint32Array[];
  /** Hash of each token's lower-cased form. */
  words: Uint32Array[];
  /** Capitalisation class of each token. */
  cases: Uint8Array[];
}

/** documentFeatures, also returning word hashes and capitalisation classes. */
export function analyseDocument(
  sentences: readonly (readonly string[])[],
  bits: number,
  gazetteer: Gazetteer = Gazetteer.none,
): DocumentAnalysis {
  const mask = (1 << bits) - 1;
  const lowers = sentences.map((tokens) => tokens.map((t) => (TYPOGRAPHIC_QUOTES.get(t) ?? t).toLowerCase()));
  const cases: Uint8Array[] = [];
  const shapes: Uint32Array[] = [];
  const docCases = new Map<string, number>();
  sentences.forEach((tokens, s) => {
    const c = new Uint8Array(tokens.length);
    const h = new Uint32Array(tokens.length);
    tokens.forEach((token, i) => {
      const [kase, shape] = caseAndShape(token);
      c[i] = kase;
      h[i] = shape;
      if (i === 0) return;
      const bit = kase === Case.Lower ? 1 : kase === Case.Title ? 2 : kase === Case.Upper ? 4 : 0;
      const key = lowers[s]?.[i] ?? '';
      docCases.set(key, (docCases.get(key) ?? 0) | bit);
    });
    cases.push(c);
    shapes.push(h);
  });
  const words: Uint32Array[] = [];
  const rows = sentences.map((tokens, s) => {
    const lower = lowers[s] ?? [];
    const atoms = sentenceAtoms(
      tokens,
      lower,
      cases[s] ?? new Uint8Array(0),
      shapes[s] ?? new Uint32Array(0),
      gazetteer,
    );
    for (let i = 0; i < tokens.length; i++) atoms[(i + 2) * ATOMS + DOC_CASE] = docCases.get(lower[i] ?? '') ?? 8;
    const out = new Uint32Array(tokens.length * FEATURES_PER_TOKEN);
    const hashes = new Uint32Array(tokens.length);
    words.push(hashes);
    for (let i = 0; i < tokens.length; i++) {
      hashes[i] = atoms[(i + 2) * ATOMS + LOWER_ATOM] ?? 0;
      templateValues(atoms, (i + 2) * ATOMS, i === 0, values);
      const o = i * FEATURES_PER_TOKEN;
      for (let k = 0; k < FEATURES_PER_TOKEN; k++) out[o + k] = mix(k, values[k] ?? 0) & mask;
    }
    return out;
  });
  return { rows, words, cases };
}
