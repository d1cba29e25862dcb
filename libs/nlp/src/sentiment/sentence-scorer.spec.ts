import { describe, expect, it } from '@jest/globals';
import { sentenceFeatures } from './features.js';
import { bundledModel, headLogits } from './model.js';
import { readSentence } from './reading.js';
import { sentenceLogits } from './sentence-scorer.js';

describe('sentenceLogits', () => {
  it('gives the same class scores as the feature path the head was trained on', () => {
    const cases = [
      ['en', 'The plan was not good, but "the team" was very great.'],
      ['en', 'Critics called the reform a failure, however it was praised.'],
      ['ru', '«Петров — лжец», — заявил Иванов, но его не поддержали.'],
    ] as const;
    for (const [language, sentence] of cases) {
      const model = bundledModel(language);
      const tokens = readSentence(sentence, language);
      const reference = headLogits(model.sentence, (sink) => sentenceFeatures(tokens, model.lexicon, sink));
      sentenceLogits(model, tokens).forEach((logit, c) => expect(logit).toBeCloseTo(reference[c] as number, 5));
    }
  });
});
