import { readFileSync } from 'node:fs';
import {
  argmaxClass,
  bundledModel,
  deserializeModel,
  f1PosNeg,
  macroScores,
  parseSentimentData,
  predictProbabilities,
  TONE_CLASSES,
  type SentimentDataFormat,
} from '@media-monitor/nlp';
import { figure } from './sentiment-data.js';

export interface EvalSentimentOptions {
  format: SentimentDataFormat;
  model?: string;
}

/**
 * Scores the committed (or a given) model on a labelled file. The last line is the data set's
 * measure: `macro P <p> R <r> F1 <f1>` for NewsMTSC, `F1pn <f1>` for RuSentNE.
 */
export function runEvalSentiment(file: string, options: EvalSentimentOptions): void {
  const examples = parseSentimentData(readFileSync(file, 'utf8'), options.format);
  const language = options.format === 'newsmtsc' ? 'en' : 'ru';
  const model = options.model ? deserializeModel(readFileSync(options.model)) : bundledModel(language);
  const gold = examples.map((ex) => ex.label);
  const predicted = predictProbabilities(model, examples).map((p) => argmaxClass(p));
  console.log(`${examples.length} targets, model ${model.language} (${model.trainedOn})`);
  for (const c of TONE_CLASSES) {
    const scores = macroScores(gold, predicted, [c]);
    const support = gold.filter((g) => g === c).length;
    console.log(
      `${c.padEnd(8)} P ${figure(scores.precision)} R ${figure(scores.recall)} F1 ${figure(scores.f1)} (${support})`,
    );
  }
  if (options.format === 'newsmtsc') {
    const macro = macroScores(gold, predicted);
    console.log(`macro P ${figure(macro.precision)} R ${figure(macro.recall)} F1 ${figure(macro.f1)}`);
  } else {
    console.log(`F1pn ${figure(f1PosNeg(gold, predicted))}`);
  }
}
