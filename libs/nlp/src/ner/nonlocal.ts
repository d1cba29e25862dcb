import { mix } from './hash.js';

/** Number of document-level features per token in the second pass; rows are fixed-stride. */
export const NONLOCAL_FEATURES = 10;

/** What the second pass needs to know of each tag: its entity type (0 for O) and whether it opens a span. */
export interface TagKinds {
  types: Uint8Array;
  opens: Uint8Array;
  count: number;
}

/** Types and span openings of a tag set (O first, then B-/I-[/L-/U-] per type). */
export function tagKinds(tags: readonly string[]): TagKinds {
  const names: string[] = [];
  const types = Uint8Array.from(tags, (tag) => {
    if (tag === 'O') return 0;
    const type = tag.slice(2);
    if (!names.includes(type)) names.push(type);
    return names.indexOf(type) + 1;
  });
  const opens = Uint8Array.from(tags, (tag) => (tag.startsWith('B-') || tag.startsWith('U-') ? 1 : 0));
  return { types, opens, count: names.length + 1 };
}

const NO_OTHER = 0xff;

/** Word → slot of the current document, valid where stamps[word] is the document's stamp (no clearing between documents). */
let stamps = new Int32Array(0);
let slotsOf = new Int32Array(0);
let documentStamp = 0;
let rowScratch = new Uint32Array(0);

/** One salt per feature, so that equal values of different features land in different buckets. */
const SALTS = Uint32Array.from({ length: NONLOCAL_FEATURES }, (_, k) => mix(k + 101, 0x27d4eb2f));

/**
 * Second-pass features of a document from the first pass's tags: for each token, what the
 * other occurrences of the same word in the document were tagged (majority type, the spread
 * over types, how many), whether the word sits inside a longer name elsewhere, and the same
 * for its neighbours (Ratinov & Roth 2009: label consistency across a document). `words`
 * holds a dense id of each token's lower-cased form (Lexicon.lowerId), `cases` its capitalisation class.
 */
export function nonlocalFeatures(
  words: readonly Uint32Array[],
  cases: readonly Uint8Array[],
  first: readonly Int32Array[],
  kinds: TagKinds,
  bits: number,
  /** Write the rows into a buffer reused by the next call (tagging) instead of fresh arrays. */
  reuse = false,
): Uint32Array[] {
  const shift = 32 - bits;
  const t = kinds.count;
  const types = kinds.types;
  const opens = kinds.opens;
  // Per word: counts per type over the document, and counts inside multi-token names.
  let size = 0;
  let maxWord = 0;
  for (const sentence of words) {
    size += sentence.length;
    for (let i = 0; i < sentence.length; i++) if (sentence[i]! > maxWord) maxWord = sentence[i]!;
  }
  if (maxWord >= stamps.length) {
    stamps = new Int32Array((maxWord + 1) * 2);
    slotsOf = new Int32Array((maxWord + 1) * 2);
  }
  const stamp = ++documentStamp;
  let slotCount = 0;
  const counts = new Uint16Array((size + 1) * t);
  const inLong = new Uint16Array((size + 1) * t);
  const slotOf = new Int32Array(size);
  let at = 0;
  for (let s = 0; s < words.length; s++) {
    const sentence = words[s]!;
    const tags = first[s]!;
    const n = sentence.length;
    for (let i = 0; i < n; i++, at++) {
      const word = sentence[i]!;
      let slot: number;
      if (stamps[word] === stamp) slot = slotsOf[word]!;
      else {
        slot = slotCount++;
        stamps[word] = stamp;
        slotsOf[word] = slot;
      }
      slotOf[at] = slot;
      const tag = tags[i]!;
      const type = types[tag]!;
      counts[slot * t + type]!++;
      if (type > 0) {
        const long =
          (i > 0 && types[tags[i - 1]!] === type && !opens[tag]) ||
          (i + 1 < n && types[tags[i + 1]!] === type && !opens[tags[i + 1]!]);
        if (long) inLong[slot * t + type]!++;
      }
    }
  }
  // Majority type of the other occurrences of each token's word, and how many there are.
  const major = new Uint8Array(size);
  const others = new Uint16Array(size);
  at = 0;
  for (let s = 0; s < words.length; s++) {
    const tags = first[s]!;
    for (let i = 0; i < tags.length; i++, at++) {
      const slot = slotOf[at]!;
      const own = types[tags[i]!]!;
      let best = NO_OTHER;
      let bestCount = 0;
      let total = 0;
      for (let type = 0; type < t; type++) {
        const c = counts[slot * t + type]! - (type === own ? 1 : 0);
        total += c;
        if (c > bestCount) {
          best = type;
          bestCount = c;
        }
      }
      major[at] = best;
      others[at] = total;
    }
  }
  const M = 0x9e3779b1;
  const out: Uint32Array[] = [];
  if (reuse && rowScratch.length < size * NONLOCAL_FEATURES) rowScratch = new Uint32Array(size * NONLOCAL_FEATURES * 2);
  at = 0;
  for (let s = 0; s < words.length; s++) {
    const tags = first[s]!;
    const kase = cases[s]!;
    const n = tags.length;
    const row = reuse
      ? rowScratch.subarray(at * NONLOCAL_FEATURES, (at + n) * NONLOCAL_FEATURES)
      : new Uint32Array(n * NONLOCAL_FEATURES);
    out.push(row);
    const base = at;
    for (let i = 0; i < n; i++, at++) {
      const slot = slotOf[at]!;
      const tag = tags[i]!;
      const own = types[tag]!;
      const c = kase[i]!;
      const m = major[at]!;
      const total = others[at]!;
      let spread = 0;
      let long = NO_OTHER;
      let longCount = 0;
      for (let type = 0; type < t; type++) {
        const k = counts[slot * t + type]! - (type === own ? 1 : 0);
        const q = k === 0 ? 0 : k * 2 < total ? 1 : k < total ? 2 : 3;
        spread = spread * 4 + q;
        const l = inLong[slot * t + type]!;
        if (l > longCount) {
          long = type;
          longCount = l;
        }
      }
      const many = total === 0 ? 0 : total === 1 ? 1 : total <= 3 ? 2 : 3;
      const before = i > 0 ? major[base + i - 1]! : 0xfe;
      const after = i + 1 < n ? major[base + i + 1]! : 0xfe;
      const previousTag = i > 0 ? tags[i - 1]! : 0xfe;
      const nextTag = i + 1 < n ? tags[i + 1]! : 0xfe;
      const o = i * NONLOCAL_FEATURES;
      row[o] = Math.imul(SALTS[0]!, M) >>> shift;
      row[o + 1] = Math.imul((m * 16 + c) ^ SALTS[1]!, M) >>> shift;
      row[o + 2] = Math.imul((spread * 16 + c) ^ SALTS[2]!, M) >>> shift;
      row[o + 3] = Math.imul((m * 64 + tag) ^ SALTS[3]!, M) >>> shift;
      row[o + 4] = Math.imul((long * 64 + tag) ^ SALTS[4]!, M) >>> shift;
      row[o + 5] = Math.imul((before * 256 + m * 16 + c) ^ SALTS[5]!, M) >>> shift;
      row[o + 6] = Math.imul((after * 256 + m * 16 + c) ^ SALTS[6]!, M) >>> shift;
      row[o + 7] = Math.imul((many * 256 + m * 16 + c) ^ SALTS[7]!, M) >>> shift;
      row[o + 8] = Math.imul(tag ^ SALTS[8]!, M) >>> shift;
      row[o + 9] = Math.imul(((previousTag * 256 + tag) * 256 + nextTag) ^ SALTS[9]!, M) >>> shift;
    }
  }
  return out;
}
