import { gunzipSync, gzipSync } from 'node:zlib';
import { Lexicon, analyseTokens, type DocumentAnalysis, type FeatureSet } from './features.js';
import { Gazetteer } from './gazetteer.js';
import { addRows } from './kernels.js';
import { NONLOCAL_FEATURES, nonlocalFeatures, tagKinds, type TagKinds } from './nonlocal.js';
import { isEntityType, type EntityType, type TokenSpan } from './tags.js';
import { allowedTransitions, viterbi } from './viterbi.js';

/** What a model file says about itself. */
export interface NerModelHeader {
  format: 'media-monitor-ner/1' | 'media-monitor-ner/2';
  language: string;
  tags: string[];
  bits: number;
  /** Feature templates (features.ts): 1 when absent; 2 adds the morphology and quote templates. */
  featureSet?: FeatureSet;
  /** Free-form facts about the training run (data, epochs, seed), for provenance. */
  training: Record<string, string | number>;
}

/**
 * The second pass: hashed weights (2^bits buckets × tags) over the document-level features
 * that the first pass's tags give (nonlocal.ts), added to the first pass's emission scores,
 * with transition weights of its own.
 */
export class SecondStage {
  constructor(
    readonly bits: number,
    readonly weights: Float32Array | Int16Array,
    readonly transitions: Float32Array,
    readonly scale = 1,
  ) {}

  /** Weights in score units (scale applied), read once per model. */
  private scaled?: Float32Array;

  /** Adds the second-pass weights of a sentence's nonlocal feature rows to its emission scores, in place. */
  addTo(scores: Float64Array, features: Uint32Array, length: number, k: number): void {
    let w: Float32Array;
    if (this.weights instanceof Float32Array && this.scale === 1) w = this.weights;
    else w = this.scaled ??= Float32Array.from(this.weights, (v) => v * this.scale);
    for (let i = 0; i < length; i++)
      addRows(scores, i * k, w, features, i * NONLOCAL_FEATURES, (i + 1) * NONLOCAL_FEATURES, k);
  }
}

/** Non-zero rows of a bucket table as [bucket deltas uint32][int16 steps of one scale]; rows all below `prune` dropped. */
function packTable(weights: Float32Array | Int16Array, weightScale: number, k: number, prune: number) {
  const buckets: number[] = [];
  let maxAbs = 0;
  for (let b = 0; b < weights.length / k; b++) {
    let keep = false;
    for (let t = 0; t < k; t++) {
      const v = Math.abs((weights[b * k + t] ?? 0) * weightScale);
      if (v > prune) keep = true;
      if (v > maxAbs) maxAbs = v;
    }
    if (keep) buckets.push(b);
  }
  const scale = maxAbs / 32767 || 1;
  const deltas = new Uint32Array(buckets.length);
  const quantised = new Int16Array(buckets.length * k);
  buckets.forEach((b, i) => {
    deltas[i] = b - (i > 0 ? (buckets[i - 1] ?? 0) : 0);
    for (let t = 0; t < k; t++) quantised[i * k + t] = Math.round(((weights[b * k + t] ?? 0) * weightScale) / scale);
  });
  return {
    scale,
    parts: [
      Buffer.from(new Uint32Array([buckets.length]).buffer),
      Buffer.from(deltas.buffer),
      Buffer.from(quantised.buffer),
    ],
  };
}

/**
 * A linear-chain tagger: hashed emission weights (2^bits buckets × tags) and tag-to-tag
 * transition weights, decoded with Viterbi under BIO constraints, with the gazetteer its
 * features were trained with, and optionally a second pass over document-level features.
 */
export class NerModel {
  readonly k: number;
  readonly allowed: Uint8Array;
  readonly kinds: TagKinds;
  /** Entity type of each type index of `kinds` (index 0, O, has none). */
  private readonly typeNames: EntityType[];
  /** Tags that close a span (L-, U-). */
  private readonly closes: Uint8Array;
  /** Words met so far, and the summed weights of their word templates (unscaled), filled on first use. */
  private readonly lexicon: Lexicon;
  private wordScores = new Float64Array(0);
  private wordScored = new Uint8Array(0);
  private generation = -1;
  private tableScratch = new Float64Array(0);

  constructor(
    readonly header: NerModelHeader,
    /** Float weights while training; int16 steps of `scale` once read from a file (half the cache footprint). */
    readonly weights: Float32Array | Int16Array,
    readonly transitions: Float32Array,
    readonly gazetteer: Gazetteer = Gazetteer.none,
    readonly scale = 1,
    readonly second?: SecondStage,
  ) {
    this.k = header.tags.length;
    this.allowed = allowedTransitions(header.tags);
    this.kinds = tagKinds(header.tags);
    this.typeNames = [];
    for (let t = 0; t < this.k; t++) {
      const name = (header.tags[t] ?? 'O').slice(2);
      const type = this.kinds.types[t] ?? 0;
      if (type > 0 && isEntityType(name)) this.typeNames[type] = name;
    }
    this.closes = Uint8Array.from(header.tags, (tag) => (tag.startsWith('L-') || tag.startsWith('U-') ? 1 : 0));
    if (weights.length !== (1 << header.bits) * this.k) throw new Error('ner.model.invalid: weight table size');
    if (transitions.length !== (this.k + 1) * this.k) throw new Error('ner.model.invalid: transition table size');
    if (second && second.weights.length !== (1 << second.bits) * this.k)
      throw new Error('ner.model.invalid: second-stage table size');
    this.lexicon = new Lexicon(header.bits, gazetteer, undefined, header.featureSet ?? 1);
  }

  /** The same first pass with another second stage (or none). */
  withSecondStage(second: SecondStage | undefined): NerModel {
    const header = { ...this.header, format: second ? ('media-monitor-ner/2' as const) : this.header.format };
    return new NerModel(header, this.weights, this.transitions, this.gazetteer, this.scale, second);
  }

  /** Emission scores (length × k) of one sentence's full feature rows (training: weights change under it). */
  emissions(features: Uint32Array, length: number): Float64Array {
    // The hot loop of training: indices are in range by construction (buckets < 2^bits,
    // rows < length), so the reads skip the undefined checks.
    const k = this.k;
    const scores = new Float64Array(length * k);
    const w = this.weights;
    const perToken = this.lexicon.featuresPerToken;
    for (let i = 0; i < length; i++) {
      addRows(scores, i * k, w, features, i * perToken, (i + 1) * perToken, k);
    }
    if (this.scale !== 1) for (let i = 0; i < scores.length; i++) scores[i]! *= this.scale;
    return scores;
  }

  /** Offset into wordScores of a word's summed word-template weights, computing them on first use. */
  private scoredWord(id: number): number {
    const k = this.k;
    if (id >= this.wordScored.length) {
      const size = Math.max(1024, this.lexicon.capacity, id + 1);
      const scores = new Float64Array(size * k);
      scores.set(this.wordScores);
      const scored = new Uint8Array(size);
      scored.set(this.wordScored);
      this.wordScores = scores;
      this.wordScored = scored;
    }
    const at = id * k;
    if (this.wordScored[id]) return at;
    const w = this.weights;
    const buckets = this.lexicon.buckets;
    const scores = this.wordScores;
    for (let t = 0; t < k; t++) scores[at + t] = 0;
    const WF = this.lexicon.wordFeatures;
    addRows(scores, at, w, buckets, id * WF, (id + 1) * WF, k);
    this.wordScored[id] = 1;
    return at;
  }

  /** Emission scores (length × k) of one analysed sentence: cached word sums plus context weights. */
  private sentenceEmissions(ids: Int32Array, context: Uint32Array, scores: Float64Array): Float64Array {
    const k = this.k;
    const length = ids.length;
    const w = this.weights;
    const CF = this.lexicon.contextFeatures;
    for (let i = 0; i < length; i++) {
      const row = i * k;
      const at = this.scoredWord(ids[i]!);
      const words = this.wordScores;
      for (let t = 0; t < k; t++) scores[row + t] = words[at + t]!;
      addRows(scores, row, w, context, i * CF, (i + 1) * CF, k);
    }
    if (this.scale !== 1) for (let i = 0; i < scores.length; i++) scores[i]! *= this.scale;
    return scores;
  }

  /** First-pass analysis of a document: features, emission scores and tags per sentence. */
  firstPass(
    sentences: readonly (readonly string[])[],
    /** Tagging: the analysis and scores live in buffers the next call reuses. */
    reuse = false,
  ): {
    analysis: DocumentAnalysis;
    emissions: Float64Array[];
    tags: Int32Array[];
  } {
    const analysis = analyseTokens(sentences, this.lexicon, reuse);
    if (this.generation !== this.lexicon.generation) {
      this.wordScored.fill(0);
      this.generation = this.lexicon.generation;
    }
    // One score table for the document, a view per sentence.
    let total = 0;
    for (const ids of analysis.ids) total += ids.length;
    if (reuse && this.tableScratch.length < total * this.k) this.tableScratch = new Float64Array(total * this.k * 2);
    const table = reuse ? this.tableScratch : new Float64Array(total * this.k);
    let at = 0;
    const emissions = analysis.ids.map((ids, s) => {
      const scores = table.subarray(at * this.k, (at + ids.length) * this.k);
      at += ids.length;
      return this.sentenceEmissions(ids, analysis.context[s] ?? new Uint32Array(0), scores);
    });
    const tags = emissions.map((e, s) =>
      viterbi(e, analysis.ids[s]?.length ?? 0, this.k, this.transitions, this.allowed),
    );
    return { analysis, emissions, tags };
  }

  /** Tag indices of every sentence of a document, after the second pass when the model has one. */
  tagIndices(sentences: readonly (readonly string[])[]): Int32Array[] {
    const { analysis, emissions, tags } = this.firstPass(sentences, true);
    const second = this.second;
    if (!second) return tags;
    const rows = nonlocalFeatures(analysis.words, analysis.cases, tags, this.kinds, second.bits, true);
    return emissions.map((e, s) => {
      const length = sentences[s]?.length ?? 0;
      second.addTo(e, rows[s] ?? new Uint32Array(0), length, this.k);
      return viterbi(e, length, this.k, second.transitions, this.allowed);
    });
  }

  /** Spans of a decoded path (tag indices), as spansFromTags reads the tags, without building tag strings. */
  spansOf(path: Int32Array): TokenSpan[] {
    const spans: TokenSpan[] = [];
    const { types, opens } = this.kinds;
    const closes = this.closes;
    let open: TokenSpan | undefined;
    for (let i = 0; i < path.length; i++) {
      const tag = path[i]!;
      const type = types[tag]!;
      if (type === 0) {
        if (open) spans.push(open);
        open = undefined;
        continue;
      }
      if (open && !opens[tag] && this.typeNames[type] === open.type) open.end = i + 1;
      else {
        if (open) spans.push(open);
        open = { type: this.typeNames[type]!, start: i, end: i + 1 };
      }
      if (closes[tag]) {
        spans.push(open);
        open = undefined;
      }
    }
    if (open) spans.push(open);
    return spans;
  }

  /** BIO tags for every token of a document given as sentences of token texts. */
  tagDocument(sentences: readonly (readonly string[])[]): string[][] {
    return this.tagIndices(sentences).map((path) => Array.from(path, (t) => this.header.tags[t] ?? 'O'));
  }

  /**
   * Compact file form: gzip of [header length][header JSON][transitions float32]
   * [count][bucket deltas uint32][weights int16, one scale for the table]
   * [gazetteer size][stems uint32][word hashes uint32][flags uint16, or uint32 when the header
   * says wideFlags (morphology bits)][span hashes uint32][span flags uint16], then for a second
   * stage (format 2) [transitions float32][count][deltas][weights int16]. Buckets whose
   * weights are all below `prune` are dropped.
   */
  serialize(prune = 0): Buffer {
    const k = this.k;
    const first = packTable(this.weights, this.scale, k, prune);
    const second = this.second ? packTable(this.second.weights, this.second.scale, k, prune) : undefined;
    const words = [...this.gazetteer.words].sort((a, b) => a[0] - b[0]);
    const wideFlags = words.some(([, flags]) => flags > 0xffff);
    const header = Buffer.from(
      JSON.stringify({
        ...this.header,
        format: 'media-monitor-ner/2',
        scale: first.scale,
        gazetteerSpans: this.gazetteer.spans.size,
        ...(wideFlags ? { wideFlags: true } : {}),
        ...(second && this.second ? { second: { bits: this.second.bits, scale: second.scale } } : {}),
      }),
      'utf8',
    );
    const spans = [...this.gazetteer.spans].sort((a, b) => a[0] - b[0]);
    const gazetteerSize = new Uint32Array([words.length, this.gazetteer.stems ? 1 : 0]);
    const float32 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    return gzipSync(
      Buffer.concat([
        Buffer.from(new Uint32Array([header.length]).buffer),
        header,
        float32(this.transitions),
        ...first.parts,
        Buffer.from(gazetteerSize.buffer),
        Buffer.from(Uint32Array.from(words, ([word]) => word).buffer),
        Buffer.from(
          (wideFlags ? Uint32Array.from(words, ([, flags]) => flags) : Uint16Array.from(words, ([, flags]) => flags))
            .buffer,
        ),
        Buffer.from(Uint32Array.from(spans, ([hash]) => hash).buffer),
        Buffer.from(Uint16Array.from(spans, ([, flags]) => flags).buffer),
        ...(second && this.second ? [float32(this.second.transitions), ...second.parts] : []),
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
    let parsed: NerModelHeader & {
      scale: number;
      gazetteerSpans?: number;
      wideFlags?: boolean;
      second?: { bits: number; scale: number };
    };
    try {
      parsed = JSON.parse(take(headerLength).toString('utf8')) as typeof parsed;
    } catch {
      throw new Error('ner.model.invalid: unreadable header');
    }
    if (parsed.format !== 'media-monitor-ner/1' && parsed.format !== 'media-monitor-ner/2')
      throw new Error('ner.model.invalid: unknown format');
    const { scale, second: secondHeader, gazetteerSpans = 0, wideFlags = false, ...header } = parsed;
    const k = header.tags.length;
    const readTable = (bits: number): Int16Array => {
      const count = take(4).readUInt32LE(0);
      const deltas = new Uint32Array(new Uint8Array(take(count * 4)).buffer);
      const quantised = new Int16Array(new Uint8Array(take(count * k * 2)).buffer);
      const weights = new Int16Array((1 << bits) * k);
      let bucket = 0;
      for (let i = 0; i < count; i++) {
        bucket += deltas[i] ?? 0;
        if (bucket >= 1 << bits) throw new Error('ner.model.invalid: bucket out of range');
        weights.set(quantised.subarray(i * k, (i + 1) * k), bucket * k);
      }
      return weights;
    };
    const transitions = new Float32Array(new Uint8Array(take((k + 1) * k * 4)).buffer);
    const weights = readTable(header.bits);
    const wordCount = take(4).readUInt32LE(0);
    const stems = take(4).readUInt32LE(0) === 1;
    const hashes = new Uint32Array(new Uint8Array(take(wordCount * 4)).buffer);
    const flags = wideFlags
      ? new Uint32Array(new Uint8Array(take(wordCount * 4)).buffer)
      : new Uint16Array(new Uint8Array(take(wordCount * 2)).buffer);
    const spanHashes = new Uint32Array(new Uint8Array(take(gazetteerSpans * 4)).buffer);
    const spanFlags = new Uint16Array(new Uint8Array(take(gazetteerSpans * 2)).buffer);
    const gazetteer = new Gazetteer(
      new Map(Array.from(hashes, (h, i) => [h, flags[i] ?? 0])),
      stems,
      new Map(Array.from(spanHashes, (h, i) => [h, spanFlags[i] ?? 0])),
    );
    let second: SecondStage | undefined;
    if (secondHeader) {
      const secondTransitions = new Float32Array(new Uint8Array(take((k + 1) * k * 4)).buffer);
      second = new SecondStage(secondHeader.bits, readTable(secondHeader.bits), secondTransitions, secondHeader.scale);
    }
    return new NerModel(header, weights, transitions, gazetteer, scale, second);
  }
}
