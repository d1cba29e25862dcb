import { describe, expect, it } from '@jest/globals';
import type { TaggedDocument } from './corpus.js';
import { NerModel } from './model.js';
import { GAZETTEER_FLAGS, Gazetteer } from './gazetteer.js';
import { spansFromTags, tagSet } from './tags.js';
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

  it('trains a second pass over document-level features, and it survives serialisation', () => {
    const documents = [...CORPUS, ...CORPUS.map((d, i) => ({ ...d, id: `copy-${i}` }))];
    const model = trainNerModel(documents, { ...options, secondStage: { folds: 2, epochs: 3, bits: 10 } });
    expect(model.second?.bits).toBe(10);
    const doc = [
      ['Anna', 'Brown', 'visited', 'Paris', '.'],
      ['Brown', 'left', 'Rome', '.'],
    ];
    const copy = NerModel.deserialize(model.serialize());
    expect(copy.second?.bits).toBe(10);
    expect(copy.tagDocument(doc)).toEqual(model.tagDocument(doc));
    expect(copy.header.format).toBe('media-monitor-ner/2');
    expect(model.withSecondStage(undefined).second).toBeUndefined();
  });

  it('carries gazetteer spans in the file', () => {
    const gazetteer = Gazetteer.build([{ name: 'Nizhny Novgorod', kind: 'location' }], false, true);
    const model = trainNerModel(CORPUS, { ...options, gazetteer });
    const copy = NerModel.deserialize(model.serialize());
    expect(copy.gazetteer.spans).toEqual(gazetteer.spans);
    expect(copy.gazetteer.spans.size).toBe(2);
  });

  it('trains feature set 2 over morphology flags, and both survive serialisation', () => {
    const gazetteer = Gazetteer.build(
      [
        { name: 'Paris', kind: 'location' },
        { name: 'smith', kind: 'morph', flags: GAZETTEER_FLAGS.morphSurname },
        { name: 'rome', kind: 'morph', flags: GAZETTEER_FLAGS.morphGeo | GAZETTEER_FLAGS.morphCommon },
      ],
      true,
    );
    const model = trainNerModel(CORPUS, { ...options, gazetteer, featureSet: 2 });
    expect(model.header.featureSet).toBe(2);
    const copy = NerModel.deserialize(model.serialize());
    expect(copy.header.featureSet).toBe(2);
    expect(copy.gazetteer.words).toEqual(gazetteer.words);
    expect(copy.gazetteer.flags('rome')).toBe(GAZETTEER_FLAGS.morphGeo | GAZETTEER_FLAGS.morphCommon);
    const doc = [['Anna', 'Smith', 'visited', '«', 'Rome', '»', '.']];
    expect(copy.tagDocument(doc)).toEqual(model.tagDocument(doc));
    // The same data under feature set 1 gives other weights: the templates differ.
    expect(trainNerModel(CORPUS, { ...options, gazetteer }).weights).not.toEqual(model.weights);
  });

  it('reads spans from tag indices as spansFromTags reads the tags', () => {
    const model = trainNerModel(CORPUS, options);
    const tags = ['B-PER', 'I-PER', 'L-PER', 'O', 'U-LOC', 'I-LOC', 'L-LOC', 'B-PER', 'U-PER', 'I-PER'];
    const path = Int32Array.from(tags, (t) => options.tags.indexOf(t));
    expect(model.spansOf(path)).toEqual(spansFromTags(tags));
  });

  it('learns from partially annotated sentences, keeping the known tags as gold', () => {
    const partial = [
      {
        id: 'partial',
        sentences: [
          {
            tokens: ['Maria', 'Lopez', 'praised', 'Lima', 'yesterday', '.'],
            tags: ['B-PER', 'I-PER', 'O', 'O', 'O', 'O'],
            // Lima is not annotated: whatever the model thinks it is stays unpunished.
            known: [true, true, true, false, true, true],
          },
        ],
      },
    ];
    const model = trainNerModel(CORPUS, { ...options, extraDocuments: partial });
    expect(model.tagDocument([['Maria', 'Lopez', 'visited', 'Paris', '.']])).toEqual([
      ['B-PER', 'L-PER', 'O', 'U-LOC', 'O'],
    ]);
  });
});
