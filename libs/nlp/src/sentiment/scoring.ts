import type { SentimentLanguage } from './cues.js';
import { targetFeatures, type SentenceTarget } from './features.js';
import { TONE_CLASSES, headLogits, softmax, type SentimentModel, type ToneClass } from './model.js';
import type { ReadToken } from './reading.js';
import { sentenceLogits } from './sentence-scorer.js';

/** Tone on one scale: score on [-1, 1], the most probable class, and its probability. */
export interface ToneEstimate {
  score: number;
  label: ToneClass;
  confidence: number;
}

/** Class probabilities of the tone towards a target in a read sentence. */
export function targetProbabilities(
  model: SentimentModel,
  tokens: readonly ReadToken[],
  target: SentenceTarget,
): number[] {
  const language: SentimentLanguage = model.language;
  return softmax(headLogits(model.target, (sink) => targetFeatures(tokens, target, language, model.lexicon, sink)));
}

/** Class probabilities of a read sentence's own tone. */
export function sentenceProbabilities(model: SentimentModel, tokens: readonly ReadToken[]): number[] {
  return softmax(sentenceLogits(model, tokens));
}

/** The most probable class. */
export function argmaxClass(probabilities: readonly number[]): ToneClass {
  let best = 0;
  probabilities.forEach((p, c) => {
    if (p > (probabilities[best] as number)) best = c;
  });
  return TONE_CLASSES[best] as ToneClass;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Tone from class probabilities: score = P(positive) − P(negative), so it never leaves [-1, 1]. */
export function toneFromProbabilities(probabilities: readonly number[]): ToneEstimate {
  const [negative = 0, , positive = 0] = probabilities;
  return {
    score: round4(positive - negative),
    label: argmaxClass(probabilities),
    confidence: round4(Math.max(...probabilities)),
  };
}
