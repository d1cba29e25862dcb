import type { TaggedDocument } from './corpus.js';
import { FEATURES_PER_TOKEN, documentFeatures } from './features.js';
import { Gazetteer } from './gazetteer.js';
import { NerModel, type NerModelHeader } from './model.js';
import { schemeOf, spansFromTags, tagsFromSpans } from './tags.js';
import { allowedTransitions, viterbi } from './viterbi.js';

export interface TrainOptions {
  language: string;
  tags: string[];
  /** log2 of the number of hashed feature buckets. */
  bits: number;
  epochs: number;
  seed: number;
  /** Called after each epoch (progress; `averaged()` gives the model so far, for dev scores). */
  onEpoch?: (progress: { epoch: number; mistakes: number; averaged: () => NerModel }) => void;
  training?: Record<string, string | number>;
  /** Word lists the features consult; the model file carries them. */
  gazetteer?: Gazetteer;
}

/** Deterministic PRNG (mulberry32) so that the shuffles, and hence the model, are reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Example {
  features: Uint32Array;
  gold: Int32Array;
}

function examplesOf(
  documents: readonly TaggedDocument[],
  tags: readonly string[],
  bits: number,
  gazetteer: Gazetteer,
): Example[] {
  const index = new Map(tags.map((t, i) => [t, i]));
  const scheme = schemeOf(tags);
  return documents.flatMap((doc) => {
    const features = documentFeatures(
      doc.sentences.map((s) => s.tokens),
      bits,
      gazetteer,
    );
    return doc.sentences.map((s, i) => ({
      features: features[i] ?? new Uint32Array(0),
      // Gold spans re-tagged in the model's scheme (CoNLL files come in BIO).
      gold: Int32Array.from(tagsFromSpans(s.tags.length, spansFromTags(s.tags), scheme), (t) => index.get(t) ?? 0),
    }));
  });
}

/**
 * Averaged structured perceptron (Collins 2002): decode each sentence with the current
 * weights and move them towards the gold path where the prediction differs. The returned
 * model carries the weights averaged over every step, which generalise far better.
 */
export function trainNerModel(documents: readonly TaggedDocument[], options: TrainOptions): NerModel {
  const { tags, bits } = options;
  const k = tags.length;
  const gazetteer = options.gazetteer ?? Gazetteer.none;
  const examples = examplesOf(documents, tags, bits, gazetteer);
  const weights = new Float32Array((1 << bits) * k);
  const transitions = new Float32Array((k + 1) * k);
  // Sums of step × update, so that the average is weights − sum / steps (Daumé's trick).
  const weightSums = new Float64Array(weights.length);
  const transitionSums = new Float64Array(transitions.length);
  const allowed = allowedTransitions(tags);
  const next = random(options.seed);
  const header: NerModelHeader = {
    format: 'media-monitor-ner/1',
    language: options.language,
    tags,
    bits,
    training: { ...options.training, epochs: options.epochs, seed: options.seed, sentences: examples.length },
  };
  const scratch = new NerModel(header, weights, transitions, gazetteer);
  let step = 1;

  const averaged = (): NerModel => {
    const w = Float32Array.from(weights, (v, i) => v - (weightSums[i] ?? 0) / step);
    const tr = Float32Array.from(transitions, (v, i) => v - (transitionSums[i] ?? 0) / step);
    return new NerModel(header, w, tr, gazetteer);
  };
  const update = (features: Uint32Array, i: number, tag: number, delta: number) => {
    for (let f = i * FEATURES_PER_TOKEN, end = f + FEATURES_PER_TOKEN; f < end; f++) {
      const at = (features[f] ?? 0) * k + tag;
      weights[at] = (weights[at] ?? 0) + delta;
      weightSums[at] = (weightSums[at] ?? 0) + step * delta;
    }
  };
  const updateTransition = (from: number, to: number, delta: number) => {
    const at = from * k + to;
    transitions[at] = (transitions[at] ?? 0) + delta;
    transitionSums[at] = (transitionSums[at] ?? 0) + step * delta;
  };

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const order = examples.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    let mistakes = 0;
    for (const e of order) {
      const { features, gold } = examples[e] as Example;
      const length = gold.length;
      const predicted = viterbi(scratch.emissions(features, length), length, k, transitions, allowed);
      for (let i = 0; i < length; i++) {
        const g = gold[i] ?? 0;
        const p = predicted[i] ?? 0;
        const gPrev = i > 0 ? (gold[i - 1] ?? 0) : k;
        const pPrev = i > 0 ? (predicted[i - 1] ?? 0) : k;
        if (g !== p) {
          mistakes++;
          update(features, i, g, 1);
          update(features, i, p, -1);
        }
        if (g !== p || gPrev !== pPrev) {
          updateTransition(gPrev, g, 1);
          updateTransition(pPrev, p, -1);
        }
      }
      step++;
    }
    options.onEpoch?.({ epoch, mistakes, averaged });
  }
  return averaged();
}
