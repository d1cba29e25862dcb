import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bundledModelUrl,
  DEFAULT_TRAINING,
  f1PosNeg,
  macroScores,
  argmaxClass,
  parseSentimentData,
  predictProbabilities,
  serializeModel,
  splitBySentence,
  trainSentimentModel,
  tuneOffsets,
  withTargetOffsets,
  type SentimentLanguage,
  type SentimentTrainingOptions,
  type TargetExample,
  type ToneClass,
} from '@media-monitor/nlp';
import { figure, sharedDataDir } from './sentiment-data.js';

export interface TrainSentimentOptions {
  lang: SentimentLanguage;
  data?: string;
  out?: string;
  epochs?: number;
  l2?: number;
  learningRate?: number;
  minCount?: number;
  seed?: number;
}

/** Share of RuSentNE's training sentences held out to measure and tune the Russian model. */
const RU_HELD_OUT = 0.2;

type Objective = (gold: readonly ToneClass[], predicted: ToneClass[]) => number;

function measure(name: string, probabilities: number[][], gold: ToneClass[], objective: Objective): number {
  const predicted = probabilities.map((p) => argmaxClass(p));
  const macro = macroScores(gold, predicted);
  const score = objective(gold, predicted);
  console.log(
    `${name}: macro P ${figure(macro.precision)} R ${figure(macro.recall)} F1 ${figure(macro.f1)}; F1pn ${figure(f1PosNeg(gold, predicted))}`,
  );
  return score;
}

/**
 * Trains the model, reports development figures before and after tuning the class offsets,
 * and writes the model: English trains on NewsMTSC train and tunes on devtest_mt; Russian
 * trains on 80% of RuSentNE train, tunes on the other 20%, then retrains on all of it.
 */
export function runTrainSentiment(options: TrainSentimentOptions): void {
  const dataDir = options.data ?? sharedDataDir();
  const training: SentimentTrainingOptions = {
    ...DEFAULT_TRAINING,
    ...(options.epochs !== undefined && { epochs: options.epochs }),
    ...(options.l2 !== undefined && { l2: options.l2 }),
    ...(options.learningRate !== undefined && { learningRate: options.learningRate }),
    ...(options.minCount !== undefined && { minCount: options.minCount }),
    ...(options.seed !== undefined && { seed: options.seed }),
    log: (line) => console.log(line),
  };
  const read = (file: string, format: 'newsmtsc' | 'rusentne') =>
    parseSentimentData(readFileSync(join(dataDir, file), 'utf8'), format);
  let train: TargetExample[];
  let dev: TargetExample[];
  let objective: Objective;
  if (options.lang === 'en') {
    train = read('sentiment-en/newsmtsc_train.jsonl', 'newsmtsc');
    dev = read('sentiment-en/newsmtsc_devtest_mt.jsonl', 'newsmtsc');
    objective = (gold, predicted) => macroScores(gold, predicted).f1;
  } else {
    ({ train, heldOut: dev } = splitBySentence(read('sentiment-ru/rusentne_train.tsv', 'rusentne'), RU_HELD_OUT));
    objective = f1PosNeg;
  }
  console.log(`training ${options.lang}: ${train.length} targets, development ${dev.length} targets`);
  const started = performance.now();
  const model = trainSentimentModel(train, options.lang, training);
  const gold = dev.map((ex) => ex.label);
  const probabilities = predictProbabilities(model, dev);
  measure('development, untuned', probabilities, gold, objective);
  const tuned = tuneOffsets(probabilities, gold, objective);
  console.log(`class offsets (negative, neutral, positive): ${tuned.offsets.join(', ')}`);
  measure(
    'development, tuned offsets',
    predictProbabilities(withTargetOffsets(model, tuned.offsets), dev),
    gold,
    objective,
  );
  let final = model;
  if (options.lang === 'ru') {
    const all = [...train, ...dev];
    console.log(`retraining on all ${all.length} targets`);
    final = trainSentimentModel(all, options.lang, training);
  }
  const bytes = serializeModel(withTargetOffsets(final, tuned.offsets));
  const out = options.out ?? fileURLToPath(bundledModelUrl(options.lang));
  writeFileSync(out, bytes);
  const seconds = (performance.now() - started) / 1000;
  console.log(`wrote ${out} (${(bytes.length / 1024).toFixed(0)} KiB) after ${seconds.toFixed(1)} s`);
}
