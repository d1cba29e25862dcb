import { TONE_CLASSES, type ToneClass } from './model.js';

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 of each class from parallel lists of gold and predicted labels. */
export function perClassScores(
  gold: readonly ToneClass[],
  predicted: readonly ToneClass[],
): Record<ToneClass, ClassScores> {
  const scores = {} as Record<ToneClass, ClassScores>;
  for (const c of TONE_CLASSES) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (p === c && g === c) tp += 1;
      else if (p === c) fp += 1;
      else if (g === c) fn += 1;
    });
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    scores[c] = {
      precision,
      recall,
      f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    };
  }
  return scores;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Macro-averaged precision, recall and F1 over the given classes (NewsMTSC: all three). */
export function macroScores(
  gold: readonly ToneClass[],
  predicted: readonly ToneClass[],
  classes: readonly ToneClass[] = TONE_CLASSES,
): ClassScores {
  const per = perClassScores(gold, predicted);
  return {
    precision: mean(classes.map((c) => per[c].precision)),
    recall: mean(classes.map((c) => per[c].recall)),
    f1: mean(classes.map((c) => per[c].f1)),
  };
}

/** RuSentNE-2023's F1pn: macro F1 over the positive and negative classes only. */
export function f1PosNeg(gold: readonly ToneClass[], predicted: readonly ToneClass[]): number {
  return macroScores(gold, predicted, ['negative', 'positive']).f1;
}
