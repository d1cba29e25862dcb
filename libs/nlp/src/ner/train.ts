import { mulberry32 } from '@media-monitor/random';
import type { TaggedDocument } from './corpus.js';
import { Lexicon, documentFeatures, featureCounts, type FeatureSet } from './features.js';
import { Gazetteer } from './gazetteer.js';
import { NerModel, SecondStage, type NerModelHeader } from './model.js';
import { NONLOCAL_FEATURES, nonlocalFeatures } from './nonlocal.js';
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
  /**
   * First-pass models to train with the seeds seed, seed + 1, …, whose averaged weights form
   * the model (a bagged perceptron: one table, so tagging costs the same); 1 by default.
   */
  seeds?: number;
  /** Feature templates (features.ts); 1 by default. */
  featureSet?: FeatureSet;
  /** Word lists the features consult; the model file carries them. */
  gazetteer?: Gazetteer;
  /**
   * A second pass over document-level features (nonlocal.ts), trained on first-pass tags of
   * documents the first pass did not see: `folds` first-pass models, each trained without one
   * fold of the documents, tag that fold (jackknife), so the second pass learns from tags as
   * good as those of unseen text.
   */
  secondStage?: { folds: number; epochs: number; bits: number };
  /**
   * More (often partially annotated) sentences for the first pass only: the second pass learns
   * from whole annotated documents, whose other occurrences of a word are all tagged.
   */
  extraDocuments?: readonly TaggedDocument[];
}

interface Example {
  features: Uint32Array;
  gold: Int32Array;
  /** For partially annotated sentences: 1 where gold is known, 0 where any tag may stand. */
  known?: Uint8Array;
}

/** Gold tag indices of a sentence, re-tagged in the model's scheme (CoNLL files come in BIO). */
function goldOf(tags: readonly string[], tagSet: readonly string[]): Int32Array {
  const index = new Map(tagSet.map((t, i) => [t, i]));
  const scheme = schemeOf(tagSet);
  return Int32Array.from(tagsFromSpans(tags.length, spansFromTags(tags), scheme), (t) => index.get(t) ?? 0);
}

function examplesOf(
  documents: readonly TaggedDocument[],
  tags: readonly string[],
  bits: number,
  gazetteer: Gazetteer,
  featureSet: FeatureSet,
): Example[] {
  const lexicon = new Lexicon(bits, gazetteer, Infinity, featureSet);
  return documents.flatMap((doc) => {
    const features = documentFeatures(
      doc.sentences.map((s) => s.tokens),
      bits,
      gazetteer,
      lexicon,
    );
    return doc.sentences.map((s, i) => ({
      features: features[i] ?? new Uint32Array(0),
      gold: goldOf(s.tags, tags),
      ...(s.known ? { known: Uint8Array.from(s.known, (x) => (x ? 1 : 0)) } : {}),
    }));
  });
}

/**
 * Averaged structured perceptron (Collins 2002): decode each sentence with the current
 * weights and move them towards the gold path where the prediction differs. The returned
 * model carries the weights averaged over every step, which generalise far better.
 */
export function trainNerModel(documents: readonly TaggedDocument[], options: TrainOptions): NerModel {
  const first = trainSeeds([...documents, ...(options.extraDocuments ?? [])], options);
  const stage = options.secondStage;
  return stage ? first.withSecondStage(trainSecondStage(documents, first, options, stage)) : first;
}

/** The first pass, averaged over `options.seeds` runs with successive seeds. */
function trainSeeds(documents: readonly TaggedDocument[], options: TrainOptions): NerModel {
  const runs = options.seeds ?? 1;
  const first = trainFirstStage(documents, options);
  if (runs <= 1) return first;
  const weights = Float32Array.from(first.weights);
  const transitions = Float32Array.from(first.transitions);
  for (let run = 1; run < runs; run++) {
    const model = trainFirstStage(documents, { ...options, seed: options.seed + run, onEpoch: undefined });
    for (let i = 0; i < weights.length; i++) weights[i]! += model.weights[i]!;
    for (let i = 0; i < transitions.length; i++) transitions[i]! += model.transitions[i]!;
  }
  for (let i = 0; i < weights.length; i++) weights[i]! /= runs;
  for (let i = 0; i < transitions.length; i++) transitions[i]! /= runs;
  const header = { ...first.header, training: { ...first.header.training, seeds: runs } };
  return new NerModel(header, weights, transitions, first.gazetteer);
}

function trainFirstStage(documents: readonly TaggedDocument[], options: TrainOptions): NerModel {
  const { tags, bits } = options;
  const k = tags.length;
  const gazetteer = options.gazetteer ?? Gazetteer.none;
  const featureSet = options.featureSet ?? 1;
  const examples = examplesOf(documents, tags, bits, gazetteer, featureSet);
  const perToken = featureCounts(featureSet).perToken;
  const weights = new Float32Array((1 << bits) * k);
  const transitions = new Float32Array((k + 1) * k);
  // Sums of step × update, so that the average is weights − sum / steps (Daumé's trick).
  const weightSums = new Float64Array(weights.length);
  const transitionSums = new Float64Array(transitions.length);
  const allowed = allowedTransitions(tags);
  const next = mulberry32(options.seed);
  const header: NerModelHeader = {
    format: 'media-monitor-ner/1',
    language: options.language,
    tags,
    bits,
    ...(featureSet !== 1 ? { featureSet } : {}),
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
    for (let f = i * perToken, end = f + perToken; f < end; f++) {
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
    const order = shuffled(examples.length, next);
    let mistakes = 0;
    for (const e of order) {
      const example = examples[e] as Example;
      const { features, known } = example;
      const length = example.gold.length;
      const emissions = scratch.emissions(features, length);
      const predicted = viterbi(emissions, length, k, transitions, allowed);
      // Partial annotation: the gold path is the best one that keeps the known tags.
      const gold = known
        ? viterbi(constrained(emissions, example.gold, known, k), length, k, transitions, allowed)
        : example.gold;
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

/** Emission scores with every tag but the known one ruled out at the tokens whose tag is known. */
function constrained(emissions: Float64Array, gold: Int32Array, known: Uint8Array, k: number): Float64Array {
  const scores = Float64Array.from(emissions);
  for (let i = 0; i < gold.length; i++) {
    if (!known[i]) continue;
    for (let t = 0; t < k; t++) if (t !== gold[i]) scores[i * k + t] = -1e9;
  }
  return scores;
}

/** Shuffled indices 0..n-1 (Fisher-Yates with the given generator). */
function shuffled(n: number, next: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  return order;
}

interface SecondExample {
  emissions: Float64Array;
  features: Uint32Array;
  gold: Int32Array;
}

/**
 * The second pass, an averaged perceptron over nonlocal features on top of fixed first-pass
 * emission scores; those scores and tags come from first-pass models that did not see the
 * document (jackknife over `folds` folds of documents).
 */
function trainSecondStage(
  documents: readonly TaggedDocument[],
  full: NerModel,
  options: TrainOptions,
  stage: { folds: number; epochs: number; bits: number },
): SecondStage {
  const { tags } = options;
  const k = tags.length;
  const examples: SecondExample[] = [];
  for (let fold = 0; fold < stage.folds; fold++) {
    const rest = [...documents.filter((_, i) => i % stage.folds !== fold), ...(options.extraDocuments ?? [])];
    const model = trainFirstStage(rest, { ...options, onEpoch: undefined });
    documents.forEach((doc, i) => {
      if (i % stage.folds !== fold) return;
      const sentences = doc.sentences.map((s) => s.tokens);
      const { analysis, emissions, tags: first } = model.firstPass(sentences);
      const rows = nonlocalFeatures(analysis.words, analysis.cases, first, model.kinds, stage.bits);
      doc.sentences.forEach((s, j) =>
        examples.push({
          emissions: emissions[j] ?? new Float64Array(0),
          features: rows[j] ?? new Uint32Array(0),
          gold: goldOf(s.tags, tags),
        }),
      );
    });
  }
  const weights = new Float32Array((1 << stage.bits) * k);
  const transitions = Float32Array.from(full.transitions);
  const weightSums = new Float64Array(weights.length);
  const transitionSums = new Float64Array(transitions.length);
  const allowed = allowedTransitions(tags);
  const scratch = new SecondStage(stage.bits, weights, transitions);
  const next = mulberry32(options.seed + 1);
  let step = 1;
  const update = (features: Uint32Array, i: number, tag: number, delta: number) => {
    for (let f = i * NONLOCAL_FEATURES, end = f + NONLOCAL_FEATURES; f < end; f++) {
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
  for (let epoch = 1; epoch <= stage.epochs; epoch++) {
    for (const e of shuffled(examples.length, next)) {
      const { emissions, features, gold } = examples[e] as SecondExample;
      const length = gold.length;
      const scores = Float64Array.from(emissions);
      scratch.addTo(scores, features, length, k);
      const predicted = viterbi(scores, length, k, transitions, allowed);
      for (let i = 0; i < length; i++) {
        const g = gold[i] ?? 0;
        const p = predicted[i] ?? 0;
        const gPrev = i > 0 ? (gold[i - 1] ?? 0) : k;
        const pPrev = i > 0 ? (predicted[i - 1] ?? 0) : k;
        if (g !== p) {
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
  }
  return new SecondStage(
    stage.bits,
    Float32Array.from(weights, (v, i) => v - (weightSums[i] ?? 0) / step),
    Float32Array.from(transitions, (v, i) => v - (transitionSums[i] ?? 0) / step),
  );
}
