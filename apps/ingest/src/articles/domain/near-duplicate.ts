import { createHash } from 'node:crypto';

/** MinHash values per article; 32 bands of 4 rows give a candidate curve centred near Jaccard 0.42. */
export const SIGNATURE_SIZE = 128;
export const BANDS = 32;
export const ROWS_PER_BAND = SIGNATURE_SIZE / BANDS;
/** Words per shingle. */
export const SHINGLE_WORDS = 3;
/** Estimated Jaccard similarity of shingle sets above which two articles are one story. */
export const STORY_SIMILARITY = 0.5;
/** Texts with fewer distinct shingles are too short to compare: they form stories of their own. */
export const MIN_SHINGLES = 8;

/** The MinHash signature of a text and the LSH band keys derived from it. */
export interface NearDuplicateSignature {
  /** SIGNATURE_SIZE unsigned 32-bit minima. */
  values: Uint32Array;
  shingles: number;
  /** `<band>:<hash of the band's rows>`, one per band; empty for texts shorter than MIN_SHINGLES. */
  bandKeys: string[];
}

/** Fixed seeds: changing them would give new articles other band keys than stored ones. */
const SEEDS = (() => {
  const seeds = new Uint32Array(SIGNATURE_SIZE);
  let state = 0x2545f491;
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    seeds[i] = state >>> 0;
  }
  return seeds;
})();

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** murmur3's finaliser: a bijection on 32 bits that mixes every input bit into every output bit. */
function fmix32(input: number): number {
  let h = input;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Lower-case words (letters and digits), `ё` read as `е`. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/ё/g, 'е')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** The distinct word shingles of a text, hashed to 32 bits. */
export function shingleHashes(text: string): Set<number> {
  const tokens = words(text);
  const hashes = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= tokens.length; i++) {
    hashes.add(fnv1a(tokens.slice(i, i + SHINGLE_WORDS).join(' ')));
  }
  return hashes;
}

/** MinHash signature and LSH band keys of a text (the article body; title added to short bodies). */
export function nearDuplicateSignature(text: string): NearDuplicateSignature {
  const hashes = shingleHashes(text);
  const values = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  for (const hash of hashes) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = fmix32(hash ^ SEEDS[i]!);
      if (h < values[i]!) values[i] = h;
    }
  }
  const bandKeys: string[] = [];
  if (hashes.size >= MIN_SHINGLES) {
    for (let band = 0; band < BANDS; band++) {
      const rows = values.subarray(band * ROWS_PER_BAND, (band + 1) * ROWS_PER_BAND);
      const digest = createHash('sha1').update(Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength));
      bandKeys.push(`${band.toString(36)}:${digest.digest('hex').slice(0, 20)}`);
    }
  }
  return { values, shingles: hashes.size, bandKeys };
}

/** Estimated Jaccard similarity of two texts' shingle sets: the share of equal MinHash values. */
export function estimatedSimilarity(a: Uint32Array, b: Uint32Array): number {
  let equal = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) equal++;
  return equal / SIGNATURE_SIZE;
}

export function encodeSignature(values: Uint32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

export function decodeSignature(encoded: string): Uint32Array {
  const bytes = Buffer.from(encoded, 'base64');
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Uint32Array(copy.buffer);
}
