import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  tagSet,
  type TagScheme,
  evaluateOnConll,
  evaluateOnFactRu,
  factRuTaggedDocument,
  nerModelUrl,
  parseConll,
  readFactRuDirectory,
  trainNerModel,
  type NerLanguage,
  type NerModel,
  SpanScorer,
  type TaggedDocument,
} from '@media-monitor/nlp';
import { isHeldOutDocument, sharedDataDir } from './ner-data.js';
import { nerGazetteer } from './ner-gazetteer.js';
import { rusentneDocuments, wordsInsideNames } from './ner-rusentne.js';

export interface TrainNerOptions {
  lang: NerLanguage;
  data?: string;
  out?: string;
  /** Perceptron epochs of the first pass; by default 15 for English, 10 for Russian. */
  epochs?: number;
  bits: number;
  seed: number;
  prune: number;
  /** Russian only: train on 80% of the devset documents and score the other 20%. */
  holdout: boolean;
  /** Tag scheme; by default BIO for English, BILOU for Russian. */
  scheme?: TagScheme;
  /** Russian only: cross-validate over this many folds of documents instead of training a model. */
  folds?: number;
  /** Jackknife folds of the second (document-level) pass, 0 for none; by default 10 for English, none for Russian. */
  secondFolds?: number;
  /** Perceptron epochs of the second pass. */
  secondEpochs: number;
  /** Russian: also learn (first pass) from the partially annotated RuSentNE training sentences (no measurable gain; off by default). */
  rusentne: boolean;
  /**
   * Russian: the OpenCorpora proper-name forms (Name, Surn, Patr, Geox, Orgn grammemes, from
   * the `az` package's dictionary) in the gazetteer, and feature set 2 (their bits as
   * templates, quote templates); true unless --no-morphology. English has neither.
   */
  morphology?: boolean;
  /** First-pass runs with successive seeds whose weights are averaged (by default 1 for English, 5 for Russian). */
  seeds?: number;
  /** Russian with morphology: the feature set (features.ts), by default 3; 2 is the set before the organisational head nouns. */
  featureSet?: number;
}

/** Log2 of the second pass's hashed buckets: it has few features. */
const SECOND_STAGE_BITS = 16;

/** Defaults measured on the development data (libs/nlp/models/README.md). */
const epochsOf = (options: TrainNerOptions) => options.epochs ?? (options.lang === 'en' ? 15 : 10);

const secondStageOf = (options: TrainNerOptions) => {
  // On the small Russian set the second pass gains nothing measurable (models README).
  const folds = options.secondFolds ?? (options.lang === 'en' ? 10 : 0);
  return folds > 0 ? { folds, epochs: options.secondEpochs, bits: SECOND_STAGE_BITS } : undefined;
};

const seedsOf = (options: TrainNerOptions) => options.seeds ?? (options.lang === 'ru' ? 5 : 1);

const morphologyOf = (options: TrainNerOptions) => options.lang === 'ru' && options.morphology !== false;

/** What the features consult and which templates they use. */
const featuresOf = (options: TrainNerOptions) => {
  const morphology = morphologyOf(options);
  return {
    gazetteer: nerGazetteer(options.lang, { morphology }),
    featureSet: morphology ? (options.featureSet === 2 ? (2 as const) : (3 as const)) : (1 as const),
  };
};

const say = (line: string) => process.stdout.write(`${line}\n`);

interface Corpus {
  train: TaggedDocument[];
  score?: (model: NerModel) => SpanScorer;
  description: string;
}

function englishCorpus(dir: string): Corpus {
  const read = (name: string) => parseConll(readFileSync(join(dir, name), 'utf8'));
  const dev = read('conllpp_dev.txt');
  return {
    train: read('conllpp_train.txt'),
    score: (model) => evaluateOnConll(model, dev),
    description: 'CoNLL++ conllpp_train.txt, scored on conllpp_dev.txt',
  };
}

function russianCorpus(dir: string, holdout: boolean): Corpus {
  const documents = readFactRuDirectory(join(dir, 'devset'));
  if (!holdout)
    return { train: documents.map(factRuTaggedDocument), description: 'factRuEval-2016 devset, all documents' };
  const heldOut = documents.filter((_, i) => isHeldOutDocument(i));
  return {
    train: documents.filter((_, i) => !isHeldOutDocument(i)).map(factRuTaggedDocument),
    score: (model) => evaluateOnFactRu(model, heldOut),
    description: `factRuEval-2016 devset, ${documents.length - heldOut.length} documents, scored on the other ${heldOut.length}`,
  };
}

/**
 * Cross-validation over the factRuEval devset: document i is scored by the model trained
 * without fold i mod `folds`; the figures pool all folds, steadier than one 20% holdout.
 */
function crossValidateRussian(dir: string, options: TrainNerOptions, folds: number): void {
  const documents = readFactRuDirectory(join(dir, 'devset'));
  const pooled = new SpanScorer(['PER', 'ORG', 'LOC']);
  const features = featuresOf(options);
  for (let fold = 0; fold < folds; fold++) {
    const train = documents.filter((_, i) => i % folds !== fold).map(factRuTaggedDocument);
    const extra = options.rusentne ? rusentneDocuments(wordsInsideNames(train)) : [];
    const model = trainNerModel(train, {
      language: 'ru',
      tags: tagSet(['PER', 'ORG', 'LOC'], options.scheme ?? 'BILOU'),
      bits: options.bits,
      epochs: epochsOf(options),
      seed: options.seed,
      ...features,
      seeds: seedsOf(options),
      secondStage: secondStageOf(options),
      extraDocuments: extra,
    });
    const scorer = evaluateOnFactRu(
      model,
      documents.filter((_, i) => i % folds === fold),
    );
    pooled.merge(scorer);
    say(`fold ${fold + 1}/${folds}: ${scorer.report().at(-1)}`);
  }
  say(`pooled over ${folds} folds:`);
  for (const line of pooled.report()) say(line);
}

/** Trains the NER model of a language and writes it (by default over the committed model). */
export function runTrainNer(options: TrainNerOptions): void {
  const dataDir = options.data ?? join(sharedDataDir(), options.lang === 'en' ? 'ner-en' : 'ner-ru');
  if (options.folds) {
    if (options.lang !== 'ru') throw new Error('--folds is for ru (English has its own dev set)');
    return crossValidateRussian(dataDir, options, options.folds);
  }
  const corpus = options.lang === 'en' ? englishCorpus(dataDir) : russianCorpus(dataDir, options.holdout);
  // BILOU gains some two points on the small Russian set and nothing on English, where its
  // 17 tags would double the decoding time of BIO's 9.
  const scheme = options.scheme ?? (options.lang === 'en' ? 'BIO' : 'BILOU');
  const types = options.lang === 'en' ? (['PER', 'ORG', 'LOC', 'MISC'] as const) : (['PER', 'ORG', 'LOC'] as const);
  say(`training ${options.lang}: ${corpus.description}`);
  const started = Date.now();
  const model = trainNerModel(corpus.train, {
    language: options.lang,
    tags: tagSet(types, scheme),
    bits: options.bits,
    epochs: epochsOf(options),
    seed: options.seed,
    training: { data: corpus.description },
    ...featuresOf(options),
    seeds: seedsOf(options),
    secondStage: secondStageOf(options),
    extraDocuments: options.lang === 'ru' && options.rusentne ? rusentneDocuments(wordsInsideNames(corpus.train)) : [],
    onEpoch: ({ epoch, mistakes, averaged }) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const dev = corpus.score ? ` dev ${corpus.score(averaged()).report().at(-1)}` : '';
      say(`epoch ${epoch}/${epochsOf(options)} token mistakes ${mistakes} (${seconds} s)${dev}`);
    },
  });
  say(`trained in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (corpus.score && model.second)
    say(`first pass alone: ${corpus.score(model.withSecondStage(undefined)).report().at(-1)}`);
  if (corpus.score) for (const line of corpus.score(model).report()) say(line);
  // A held-out run is an experiment: it never replaces the committed model unless asked to.
  const fallback = options.holdout
    ? join(tmpdir(), `ner-${options.lang}-holdout.model.gz`)
    : fileURLToPath(nerModelUrl(options.lang));
  const out = options.out ?? fallback;
  const file = model.serialize(options.prune);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, file);
  say(`wrote ${out} (${(file.length / 1024 / 1024).toFixed(2)} MB)`);
}
