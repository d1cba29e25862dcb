import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  argmaxClass,
  bundledModelUrl,
  crossValidatedProbabilities,
  DEFAULT_TRAINING,
  f1PosNeg,
  macroScores,
  parseSentimentData,
  predictProbabilities,
  serializeModel,
  TONE_CLASSES,
  trainSentimentModel,
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
  /** Cross-validation folds (by sentence) over the training data. */
  folds?: number;
  /** English: write the model trained on NewsMTSC train alone instead of train + devtest_mt. */
  trainOnly?: boolean;
}

const DEFAULT_FOLDS = 5;

/** Per-class and macro figures of predictions; the Russian measure F1pn too. */
function report(name: string, gold: readonly ToneClass[], probabilities: number[][]): void {
  const predicted = probabilities.map((p) => argmaxClass(p));
  console.log(`${name} (${gold.length} targets):`);
  for (const c of TONE_CLASSES) {
    const s = macroScores(gold, predicted, [c]);
    console.log(`  ${c.padEnd(8)} P ${figure(s.precision)} R ${figure(s.recall)} F1 ${figure(s.f1)}`);
  }
  const macro = macroScores(gold, predicted);
  console.log(
    `  macro P ${figure(macro.precision)} R ${figure(macro.recall)} F1 ${figure(macro.f1)}; F1pn ${figure(f1PosNeg(gold, predicted))}`,
  );
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/**
 * Measures and writes a model. English: cross-validation on NewsMTSC train, then a model trained
 * on train and scored on devtest_mt (the held-out figure), then the written model trained on
 * train + devtest_mt (unless --train-only). Russian: cross-validation by sentence on RuSentNE
 * train (the only labelled file), then the written model trained on all of it.
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
  };
  const folds = options.folds ?? DEFAULT_FOLDS;
  const read = (file: string, format: 'newsmtsc' | 'rusentne') =>
    parseSentimentData(readFileSync(join(dataDir, file), 'utf8'), format);
  const started = performance.now();
  const labels = (examples: readonly TargetExample[]) => examples.map((ex) => ex.label);
  let final: TargetExample[];
  let trainedOn: string;
  if (options.lang === 'en') {
    const train = read('sentiment-en/newsmtsc_train.jsonl', 'newsmtsc');
    const dev = read('sentiment-en/newsmtsc_devtest_mt.jsonl', 'newsmtsc');
    console.log(`NewsMTSC: train ${train.length} targets, devtest_mt ${dev.length} targets`);
    if (folds > 1)
      report(
        `train, ${folds}-fold cross-validation`,
        labels(train),
        crossValidatedProbabilities(train, 'en', training, folds),
      );
    const model = trainSentimentModel(train, 'en', training);
    report('devtest_mt, model trained on train', labels(dev), predictProbabilities(model, dev));
    final = options.trainOnly ? train : [...train, ...dev];
    trainedOn = options.trainOnly ? 'NewsMTSC train' : 'NewsMTSC train + devtest_mt';
  } else {
    const all = read('sentiment-ru/rusentne_train.tsv', 'rusentne');
    console.log(`RuSentNE: train ${all.length} targets`);
    if (folds > 1)
      report(
        `train, ${folds}-fold cross-validation by sentence`,
        labels(all),
        crossValidatedProbabilities(all, 'ru', training, folds),
      );
    final = all;
    trainedOn = 'RuSentNE-2023 train';
  }
  console.log(`measured in ${seconds(started)} s; training on ${trainedOn} (${final.length} targets)`);
  const trainingStarted = performance.now();
  const model = trainSentimentModel(final, options.lang, { ...training, log: (line) => console.log(line) });
  const trainingSeconds = seconds(trainingStarted);
  const bytes = serializeModel({ ...model, trainedOn: `${trainedOn}, ${model.trainedOn}` });
  const out = options.out ?? fileURLToPath(bundledModelUrl(options.lang));
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (${(bytes.length / 1024).toFixed(0)} KiB); trained in ${trainingSeconds} s`);
}
