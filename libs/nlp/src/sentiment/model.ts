import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { SentimentLanguage } from './cues.js';
import type { FeatureSink, Lexicon } from './features.js';

/** The classes every head predicts, in the order of its weight vectors. */
export const TONE_CLASSES = ['negative', 'neutral', 'positive'] as const;
export type ToneClass = (typeof TONE_CLASSES)[number];
export const CLASS_COUNT = TONE_CLASSES.length;

/** A multinomial logistic regression: one weight per class per feature, plus a bias per class. */
export interface LinearHead {
  readonly bias: readonly number[];
  readonly weights: ReadonlyMap<string, Float32Array>;
}

/** A trained sentiment model of one language: a head for targets, one for sentences, and its lexicon. */
export interface SentimentModel {
  readonly language: SentimentLanguage;
  readonly lexicon: Lexicon;
  readonly target: LinearHead;
  readonly sentence: LinearHead;
  /** What it was trained on and how, for the analyzer reference. */
  readonly trainedOn: string;
}

/** Class scores (before softmax) for the features a producer emits. */
export function headLogits(head: LinearHead, produce: (sink: FeatureSink) => void): number[] {
  const logits = [...head.bias];
  produce((name, value) => {
    const w = head.weights.get(name);
    if (!w) return;
    for (let c = 0; c < CLASS_COUNT; c += 1) logits[c] = (logits[c] as number) + value * (w[c] as number);
  });
  return logits;
}

/** Probabilities from class scores. */
export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** Weights are stored as integers in units of 1/WEIGHT_SCALE: 4 decimals are plenty, and compact. */
const WEIGHT_SCALE = 10_000;
const FORMAT = 'media-monitor/sentiment@1';

interface StoredHead {
  bias: number[];
  features: string[];
  weights: number[];
}

interface StoredModel {
  format: string;
  language: SentimentLanguage;
  trainedOn: string;
  lexicon: Array<[string, number]>;
  target: StoredHead;
  sentence: StoredHead;
}

function storeHead(head: LinearHead): StoredHead {
  const features: string[] = [];
  const weights: number[] = [];
  for (const [name, w] of head.weights) {
    const scaled = Array.from(w, (x) => Math.round(x * WEIGHT_SCALE));
    if (scaled.every((x) => x === 0)) continue;
    features.push(name);
    weights.push(...scaled);
  }
  return { bias: head.bias.map((b) => Math.round(b * WEIGHT_SCALE) / WEIGHT_SCALE), features, weights };
}

function restoreHead(stored: StoredHead): LinearHead {
  if (stored.weights.length !== stored.features.length * CLASS_COUNT || stored.bias.length !== CLASS_COUNT)
    throw new Error('sentiment model: head weights do not match its features');
  const all = Float32Array.from(stored.weights, (x) => x / WEIGHT_SCALE);
  const weights = new Map<string, Float32Array>();
  stored.features.forEach((name, i) => weights.set(name, all.subarray(i * CLASS_COUNT, (i + 1) * CLASS_COUNT)));
  return { bias: stored.bias, weights };
}

/** The gzipped JSON form of a model, as committed under libs/nlp/models. */
export function serializeModel(model: SentimentModel): Buffer {
  const stored: StoredModel = {
    format: FORMAT,
    language: model.language,
    trainedOn: model.trainedOn,
    lexicon: [...model.lexicon].map(([w, p]) => [w, Math.round(p * 1000) / 1000]),
    target: storeHead(model.target),
    sentence: storeHead(model.sentence),
  };
  return gzipSync(JSON.stringify(stored), { level: 9 });
}

/** Reads a model from its gzipped JSON form. */
export function deserializeModel(bytes: Buffer): SentimentModel {
  const stored = JSON.parse(gunzipSync(bytes).toString('utf8')) as StoredModel;
  if (stored.format !== FORMAT) throw new Error(`sentiment model: unknown format ${String(stored.format)}`);
  return {
    language: stored.language,
    trainedOn: stored.trainedOn,
    lexicon: new Map(stored.lexicon),
    target: restoreHead(stored.target),
    sentence: restoreHead(stored.sentence),
  };
}

/** Where the committed model of a language lives in the package. */
export function bundledModelUrl(language: SentimentLanguage): URL {
  return new URL(`../../models/sentiment-${language}.json.gz`, import.meta.url);
}

const loaded = new Map<SentimentLanguage, SentimentModel>();

/** The committed model of a language, read once and then shared (models are never mutated). */
export function bundledModel(language: SentimentLanguage): SentimentModel {
  let model = loaded.get(language);
  if (!model) {
    model = deserializeModel(readFileSync(bundledModelUrl(language)));
    loaded.set(language, model);
  }
  return model;
}
