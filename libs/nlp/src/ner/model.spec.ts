import { describe, expect, it } from '@jest/globals';
import type { TaggedDocument } from './corpus.js';
import { NerModel } from './model.js';
import { tagSet } from './tags.js';
import { trainNerModel } from './train.js';

const sentence = (text: string, tags: string) => ({ tokens: text.split(' '), tags: tags.split(' ') });
const CORPUS: TaggedDocument[] = [
  {
    id: 'a',
    sentences: [
      sentence('Peter Smith visited Paris .', 'B-PER I-PER O B-LOC O'),
      sentence('Anna Brown left London today .', 'B-PER I-PER O B-LOC O O'),
      sentence('They met in Berlin .', 'O O O B-LOC O'),
      sentence('John Green visited Rome .', 'B-PER I-PER O B-LOC O'),
    ],
  },
];
const options = { language: 'en', tags: tagSet(['PER', 'LOC'], 'BILOU'), bits: 14, epochs: 5, seed: 7 };

describe('trainNerModel', () => {
  it('learns a tiny corpus', () => {
    const model = trainNerModel(CORPUS, options);
    expect(model.tagDocument([['Peter', 'Smith', 'visited', 'Paris', '.']])).toEqual([
      ['B-PER', 'L-PER', 'O', 'U-LOC', 'O'],
    ]);
  });

  it('is reproducible with a fixed seed and reports every epoch', () => {
    const epochs: number[] = [];
    const a = trainNerModel(CORPUS, { ...options, onEpoch: ({ epoch }) => epochs.push(epoch) });
    const b = trainNerModel(CORPUS, options);
    expect(epochs).toEqual([1, 2, 3, 4, 5]);
    expect(a.weights).toEqual(b.weights);
  });

  it('survives serialisation with the same tags', () => {
    const model = trainNerModel(CORPUS, options);
    const copy = NerModel.deserialize(model.serialize());
    const doc = [['Anna', 'Smith', 'visited', 'Berlin', '.']];
    expect(copy.tagDocument(doc)).toEqual(model.tagDocument(doc));
    expect(copy.header.tags).toEqual(options.tags);
    expect(() => NerModel.deserialize(Buffer.from('not a model'))).toThrow('ner.model.invalid');
  });
});
