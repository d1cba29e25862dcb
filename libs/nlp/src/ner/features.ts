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

const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;
const DIGIT = /\p{N}/u;
const LETTER = /\p{L}/u;
const OPEN_QUOTES = new Set(['«', '„', '“']);
const CLOSE_QUOTES = new Set(['»', '”']);

function caseOf(token: string): Case {
  let upper = 0;
  let lower = 0;
  let digit = 0;
  for (const ch of token) {
    if (UPPER.test(ch)) upper++;
    else if (LOWER.test(ch)) lower++;
    else if (DIGIT.test(ch)) digit++;
  }
  if (upper + lower === 0) return digit > 0 ? Case.Digits : Case.Other;
  if (digit > 0) return Case.Alnum;
  if (upper === 0) return Case.Lower;
  if (lower === 0) return upper === 1 ? Case.Letter : Case.Upper;
  return UPPER.test(token[0] ?? '') && !UPPER.test(token.slice(1).replace(/[-‐‑'’.][\p{Lu}]/gu, ''))
    ? Case.Title
    : Case.Mixed;
}

/** Word shape with runs collapsed: Kaliningrad → Xx, BARS-Kursk → X-Xx, 1996-08-22 → d-d-d. */
function shapeOf(token: string): string {
  let shape = '';
  let last = '';
  for (const ch of token) {
    const c = UPPER.test(ch) ? 'X' : LOWER.test(ch) ? 'x' : DIGIT.test(ch) ? 'd' : LETTER.test(ch) ? 'l' : ch;
    if (c !== last) shape += c;
    last = c;
  }
  return shape;
}

/** What one token looks like, hashed once and shared by the templates that read its neighbours. */
interface TokenAtoms {
  lower: number;
  form: number;
  shape: number;
  kase: Case;
  prefixes: number[];
  suffixes: number[];
  hyphenHead: number;
  hyphenTail: number;
  docCase: number;
  quoted: boolean;
}

const PREFIXES = [2, 3, 4, 5];
const SUFFIXES = [1, 2, 3, 4];
const NONE = hashString('<none>');
const BOUNDARY_ATOMS: TokenAtoms = {
  lower: hashString('<s>'),
  form: hashString('<s>'),
  shape: hashString('<s>'),
  kase: Case.Other,
  prefixes: [],
  suffixes: [],
  hyphenHead: NONE,
  hyphenTail: NONE,
  docCase: 0,
  quoted: false,
};

/** Number of features every token gets; feature rows are fixed-stride for speed. */
export const FEATURES_PER_TOKEN = 34;

function atomsOf(token: string, lower: string, docCase: number, quoted: boolean): TokenAtoms {
  const n = lower.length;
  const hyphen = lower.search(/[-‐‑]/);
  return {
    lower: hashString(lower),
    form: hashString(token),
    shape: hashString(shapeOf(token)),
    kase: caseOf(token),
    prefixes: PREFIXES.map((k) => (n > k ? hashRange(lower, 0, k) : NONE)),
    suffixes: SUFFIXES.map((k) => (n > k ? hashRange(lower, n - k, n) : NONE)),
    hyphenHead: hyphen > 0 ? hashRange(lower, 0, hyphen) : NONE,
    hyphenTail: hyphen > 0 ? hashRange(lower, lower.lastIndexOf('-') + 1, n) : NONE,
    docCase,
    quoted,
  };
}

/**
 * How the same word is written elsewhere in the document away from sentence starts
 * (bit 0: lower case, bit 1: title case, bit 2: all capitals), which settles headline
 * capitals and sentence-initial words; 8 when it never occurs away from a sentence start.
 */
function documentCases(sentences: readonly (readonly string[])[], lowers: string[][]): Map<string, number> {
  const seen = new Map<string, number>();
  sentences.forEach((tokens, s) =>
    tokens.forEach((token, i) => {
      if (i === 0) return;
      const kase = caseOf(token);
      const bit = kase === Case.Lower ? 1 : kase === Case.Title ? 2 : kase === Case.Upper ? 4 : 0;
      const key = lowers[s]?.[i] ?? '';
      seen.set(key, (seen.get(key) ?? 0) | bit);
    }),
  );
  return seen;
}

/** Whether each token sits inside «…» quotes (names of organisations and units often do). */
function quotedFlags(tokens: readonly string[]): boolean[] {
  let depth = 0;
  return tokens.map((t) => {
    if (CLOSE_QUOTES.has(t)) depth = Math.max(0, depth - 1);
    const inside = depth > 0 && !OPEN_QUOTES.has(t);
    if (OPEN_QUOTES.has(t)) depth++;
    return inside;
  });
}

/**
 * Feature buckets for every token of a document: one Uint32Array per sentence holding
 * FEATURES_PER_TOKEN bucket numbers (hash modulo 2^bits) per token. Features read the
 * token, its neighbours two either side, and the document-wide casing of the same word.
 */
export function documentFeatures(sentences: readonly (readonly string[])[], bits: number): Uint32Array[] {
  const mask = (1 << bits) - 1;
  const lowers = sentences.map((tokens) => tokens.map((t) => t.toLowerCase()));
  const docCases = documentCases(sentences, lowers);
  return sentences.map((tokens, s) => {
    const lower = lowers[s] ?? [];
    const quoted = quotedFlags(tokens);
    const atoms = tokens.map((t, i) =>
      atomsOf(t, lower[i] ?? '', docCases.get(lower[i] ?? '') ?? 8, quoted[i] ?? false),
    );
    const at = (i: number): TokenAtoms => atoms[i] ?? BOUNDARY_ATOMS;
    const out = new Uint32Array(tokens.length * FEATURES_PER_TOKEN);
    for (let i = 0; i < tokens.length; i++) {
      const w = at(i);
      const p1 = at(i - 1);
      const p2 = at(i - 2);
      const n1 = at(i + 1);
      const n2 = at(i + 2);
      const f = [
        0,
        w.form,
        w.lower,
        w.shape,
        w.kase,
        ...w.prefixes,
        ...w.suffixes,
        p1.lower,
        n1.lower,
        p2.lower,
        n2.lower,
        mix(p1.shape, w.shape),
        mix(w.shape, n1.shape),
        mix(mix(p1.kase, w.kase), n1.kase),
        mix(p1.lower, w.lower),
        mix(w.lower, n1.lower),
        mix(i === 0 ? 1 : 0, w.kase),
        mix(w.docCase, w.kase),
        w.hyphenHead,
        w.hyphenTail,
        mix(p1.lower, w.kase),
        mix(n1.lower, w.kase),
        mix(p1.kase, w.lower),
        mix(w.quoted ? 1 : 0, w.kase),
        p1.suffixes[2] ?? NONE,
        n1.suffixes[2] ?? NONE,
        mix(p2.kase, p1.kase) ^ w.kase,
        mix(n1.kase, n2.kase) ^ w.kase,
      ];
      const base = i * FEATURES_PER_TOKEN;
      for (let k = 0; k < FEATURES_PER_TOKEN; k++) out[base + k] = mix(k, f[k] ?? 0) & mask;
    }
    return out;
  });
}
