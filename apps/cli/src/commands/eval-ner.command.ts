import { readFileSync } from 'node:fs';
import {
  evaluateOnConll,
  evaluateOnFactRu,
  loadNerModel,
  NerModel,
  parseConll,
  readFactRuDirectory,
  type NerLanguage,
} from '@media-monitor/nlp';

export interface EvalNerOptions {
  format: 'conll' | 'factru';
  /** A model file to score instead of the committed model of the format's language. */
  model?: string;
}

/** Scores NER on a CoNLL file (English) or a factRuEval folder (Russian); the last line is the micro figure. */
export function runEvalNer(path: string, options: EvalNerOptions): void {
  const language: NerLanguage = options.format === 'conll' ? 'en' : 'ru';
  const model = options.model ? NerModel.deserialize(readFileSync(options.model)) : loadNerModel(language);
  const scorer =
    options.format === 'conll'
      ? evaluateOnConll(model, parseConll(readFileSync(path, 'utf8')))
      : evaluateOnFactRu(model, readFactRuDirectory(path));
  for (const line of scorer.report()) process.stdout.write(`${line}\n`);
}
