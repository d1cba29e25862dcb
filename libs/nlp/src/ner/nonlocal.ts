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

/**
 * Second-pass features of a document from the first pass's tags: for each token, what the
 * other occurrences of the same word in the document were tagged (majority type, the spread
 * over types, how many), whether the word sits inside a longer name elsewhere, and the same
 * for its neighbours (Ratinov & Roth 2009: label consistency across a document). `words`
 * holds a hash of each token's lower-cased form, `cases` its capitalisation class.
 */
export function nonlocalFeatures(
  words: readonly Uint32Array[],
  cases: readonly Uint8Array[],
  first: readonly Int32Array[],
  kinds: TagKinds,
  bits: number,
): Uint32Array[] {
  const mask = (1 << bits) - 1;
  const t = kinds.count;
  // Per word: counts per type over the document, and counts inside multi-token names.
  const slots = new Map<number, number>();
  let size = 0;
  for (const sentence of words) size += sentence.length;
  const counts = new Uint16Array((size + 1) * t);
  const inLong = new Uint16Array((size + 1) * t);
  const slotOf: Int32Array[] = words.map((sentence, s) => {
    const tags = first[s] ?? new Int32Array(0);
    const out = new Int32Array(sentence.length);
    for (let i = 0; i < sentence.length; i++) {
      const word = sentence[i] ?? 0;
      let slot = slots.get(word);
      if (slot === undefined) {
        slot = slots.size;
        slots.set(word, slot);
      }
      out[i] = slot;
      const tag = tags[i] ?? 0;
      const type = kinds.types[tag] ?? 0;
      counts[slot * t + type]!++;
      if (type > 0) {
        const long =
          (i > 0 && (kinds.types[tags[i - 1] ?? 0] ?? 0) === type && !kinds.opens[tag]) ||
          (i + 1 < sentence.length &&
            (kinds.types[tags[i + 1] ?? 0] ?? 0) === type &&
            !kinds.opens[tags[i + 1] ?? 0]);
        if (long) inLong[slot * t + type]!++;
      }
    }
    return out;
  });
  const majority = (slot: number, own: number): [number, number] => {
    let best = NO_OTHER;
    let bestCount = 0;
    let total = 0;
    for (let type = 0; type < t; type++) {
      const c = (counts[slot * t + type] ?? 0) - (type === own ? 1 : 0);
      total += c;
      if (c > bestCount) {
        best = type;
        bestCount = c;
      }
    }
    return [best, total];
  };
  return words.map((sentence, s) => {
    const tags = first[s] ?? new Int32Array(0);
    const slotsHere = slotOf[s] ?? new Int32Array(0);
    const kase = cases[s] ?? new Uint8Array(0);
    const n = sentence.length;
    const major = new Uint8Array(n);
    for (let i = 0; i < n; i++) major[i] = majority(slotsHere[i] ?? 0, kinds.types[tags[i] ?? 0] ?? 0)[0];
    const out = new Uint32Array(n * NONLOCAL_FEATURES);
    for (let i = 0; i < n; i++) {
      const slot = slotsHere[i] ?? 0;
      const tag = tags[i] ?? 0;
      const own = kinds.types[tag] ?? 0;
      const c = kase[i] ?? 0;
      const [m, total] = majority(slot, own);
      let spread = 0;
      let long = NO_OTHER;
      let longCount = 0;
      for (let type = 0; type < t; type++) {
        const k = (counts[slot * t + type] ?? 0) - (type === own ? 1 : 0);
        const q = k === 0 ? 0 : k * 2 < total ? 1 : k < total ? 2 : 3;
        spread = spread * 4 + q;
        const l = inLong[slot * t + type] ?? 0;
        if (l > longCount) {
          long = type;
          longCount = l;
        }
      }
      const many = total === 0 ? 0 : total === 1 ? 1 : total <= 3 ? 2 : 3;
      const o = i * NONLOCAL_FEATURES;
      let f = 0;
      out[o + f] = mix(f, 0) & mask;
      f++;
      out[o + f] = mix(f, m * 16 + c) & mask;
      f++;
      out[o + f] = mix(f, spread * 16 + c) & mask;
      f++;
      out[o + f] = mix(f, m * 64 + tag) & mask;
      f++;
      out[o + f] = mix(f, long * 64 + tag) & mask;
      f++;
      out[o + f] = mix(f, (i > 0 ? (major[i - 1] ?? 0) : 0xfe) * 256 + m * 16 + c) & mask;
      f++;
      out[o + f] = mix(f, (i + 1 < n ? (major[i + 1] ?? 0) : 0xfe) * 256 + m * 16 + c) & mask;
      f++;
      out[o + f] = mix(f, many * 256 + m * 16 + c) & mask;
      f++;
      out[o + f] = mix(f, tag) & mask;
      f++;
      out[o + f] = mix(f, mix(mix(i > 0 ? (tags[i - 1] ?? 0) : 0xfe, tag), i + 1 < n ? (tags[i + 1] ?? 0) : 0xfe)) & mask;
    }
    return out;
  });
}
