import { gunzipSync, gzipSync } from 'node:zlib';
import { FEATURES_PER_TOKEN, documentFeatures } from './features.js';
import { Gazetteer } from './gazetteer.js';
import { allowedTransitions, viterbi } from './viterbi.js';

/** What a model file says about itself. */
export interface NerModelHeader {
  format: 'media-monitor-ner/1';
  language: string;
  tags: string[];
  bits: number;
  /** Free-form facts about the training run (data, epochs, seed), for provenance. */
  training: Record<string, string | number>;
}

/**
 * A linear-chain tagger: hashed emission weights (2^bits buckets × tags) and tag-to-tag
 * transition weights, decoded with Viterbi under BIO constraints, with the gazetteer its
 * features were trained with.
 */
export class NerModel {
  readonly k: number;
  readonly allowed: Uint8Array;

  constructor(
    readonly header: NerModelHeader,
    /** Float weights while training; int16 steps of `scale` once read from a file (half the cache footprint). */
    readonly weights: Float32Array | Int16Array,
    readonly transitions: Float32Array,
    readonly gazetteer: Gazetteer = Gazetteer.none,
    readonly scale = 1,
  ) {
    this.k = header.tags.length;
    this.allowed = allowedTransitions(header.tags);
    if (weights.length !== (1 << header.bits) * this.k) throw new Error('ner.model.invalid: weight table size');
    if (transitions.length !== (this.k + 1) * this.k) throw new Error('ner.model.invalid: transition table size');
  }

  /** Emission scores (length × k) of one sentence's feature rows. */
  emissions(features: Uint32Array, length: number): Float64Array {
    // The hot loop of tagging: indices are in range by construction (buckets < 2^bits,
    // rows < length), so the reads skip the undefined checks.
    const k = this.k;
    const scores = new Float64Array(length * k);
    const w = this.weights;
    for (let i = 0; i < length; i++) {
      const row = i * k;
      for (let f = i * FEATURES_PER_TOKEN, end = f + FEATURES_PER_TOKEN; f < end; f++) {
        const base = features[f]! * k;
        for (let t = 0; t < k; t++) scores[row + t]! += w[base + t]!;
      }
    }
    if (this.scale !== 1) for (let i = 0; i < scores.length; i++) scores[i]! *= this.scale;
    return scores;
  }

  /** Tag indices of one sentence from its feature rows. */
  decode(features: Uint32Array, length: number): Int32Array {
    return viterbi(this.emissions(features, length), length, this.k, this.transitions, this.allowed);
  }

  /** BIO tags for every token of a document given as sentences of token texts. */
  tagDocument(sentences: readonly (readonly string[])[]): string[][] {
    const features = documentFeatures(sentences, this.header.bits, this.gazetteer);
    return sentences.map((tokens, s) =>
      Array.from(this.decode(features[s] ?? new Uint32Array(0), tokens.length), (t) => this.header.tags[t] ?? 'O'),
    );
  }

  /**
   * Compact file form: gzip of [header length][header JSON][transitions float32]
   * [count][bucket deltas uint32][weights int16, one scale for the table]
   * [gazetteer size][stems uint32][word hashes uint32][flags uint16]. Buckets whose
   * weights are all below `prune` are dropped.
   */
  serialize(prune = 0): Buffer {
    const k = this.k;
    const buckets: number[] = [];
    let maxAbs = 0;
    for (let b = 0; b < 1 << this.header.bits; b++) {
      let keep = false;
      for (let t = 0; t < k; t++) {
        const v = Math.abs((this.weights[b * k + t] ?? 0) * this.scale);
        if (v > prune) keep = true;
        if (v > maxAbs) maxAbs = v;
      }
      if (keep) buckets.push(b);
    }
    const scale = maxAbs / 32767 || 1;
    const header = Buffer.from(JSON.stringify({ ...this.header, scale }), 'utf8');
    const deltas = new Uint32Array(buckets.length);
    const quantised = new Int16Array(buckets.length * k);
    buckets.forEach((b, i) => {
      deltas[i] = b - (i > 0 ? (buckets[i - 1] ?? 0) : 0);
      for (let t = 0; t < k; t++)
        quantised[i * k + t] = Math.round(((this.weights[b * k + t] ?? 0) * this.scale) / scale);
    });
    const sizes = new Uint32Array([header.length, buckets.length]);
    const words = [...this.gazetteer.words].sort((a, b) => a[0] - b[0]);
    const gazetteerSize = new Uint32Array([words.length, this.gazetteer.stems ? 1 : 0]);
    return gzipSync(
      Buffer.concat([
        Buffer.from(sizes.buffer, 0, 4),
        header,
        Buffer.from(this.transitions.buffer, this.transitions.byteOffset, this.transitions.byteLength),
        Buffer.from(sizes.buffer, 4, 4),
        Buffer.from(deltas.buffer),
        Buffer.from(quantised.buffer),
        Buffer.from(gazetteerSize.buffer),
        Buffer.from(Uint32Array.from(words, ([word]) => word).buffer),
        Buffer.from(Uint16Array.from(words, ([, flags]) => flags).buffer),
      ]),
      { level: 9 },
    );
  }

  /** Reads a model written by `serialize`; throws `ner.model.invalid` on anything else. */
  static deserialize(file: Buffer): NerModel {
    let data: Buffer;
    try {
      data = gunzipSync(file);
    } catch {
      throw new Error('ner.model.invalid: not a gzip file');
    }
    let at = 0;
    const take = (bytes: number): Buffer => {
      if (at + bytes > data.length) throw new Error('ner.model.invalid: truncated');
      const part = data.subarray(at, at + bytes);
      at += bytes;
      return part;
    };
    const headerLength = take(4).readUInt32LE(0);
    const parsed = JSON.parse(take(headerLength).toString('utf8')) as NerModelHeader & { scale: number };
    if (parsed.format !== 'media-monitor-ner/1') throw new Error('ner.model.invalid: unknown format');
    const { scale, ...header } = parsed;
    const k = header.tags.length;
    const transitions = new Float32Array(new Uint8Array(take((k + 1) * k * 4)).buffer);
    const count = take(4).readUInt32LE(0);
    const deltas = new Uint32Array(new Uint8Array(take(count * 4)).buffer);
    const quantised = new Int16Array(new Uint8Array(take(count * k * 2)).buffer);
    const weights = new Int16Array((1 << header.bits) * k);
    let bucket = 0;
    for (let i = 0; i < count; i++) {
      bucket += deltas[i] ?? 0;
      weights.set(quantised.subarray(i * k, (i + 1) * k), bucket * k);
    }
    const wordCount = take(4).readUInt32LE(0);
    const stems = take(4).readUInt32LE(0) === 1;
    const hashes = new Uint32Array(new Uint8Array(take(wordCount * 4)).buffer);
    const flags = new Uint16Array(new Uint8Array(take(wordCount * 2)).buffer);
    const gazetteer = new Gazetteer(new Map(Array.from(hashes, (h, i) => [h, flags[i] ?? 0])), stems);
    return new NerModel(header, weights, transitions, gazetteer, scale);
  }
}
