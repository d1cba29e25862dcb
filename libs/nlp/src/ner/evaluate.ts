import type { TaggedDocument } from './corpus.js';
import type { FactRuDocument } from './factru.js';
import type { NerModel } from './model.js';
import { recognizeWith } from './recognize.js';
import { SpanScorer } from './scoring.js';
import { spansFromTags } from './tags.js';

/** Exact token span + type scores of a model on CoNLL documents (PER, ORG, LOC, MISC). */
export function evaluateOnConll(model: NerModel, documents: readonly TaggedDocument[]): SpanScorer {
  const scorer = new SpanScorer(['PER', 'ORG', 'LOC', 'MISC']);
  for (const doc of documents) {
    const predicted = model.tagDocument(doc.sentences.map((s) => s.tokens));
    doc.sentences.forEach((s, i) => scorer.add(spansFromTags(s.tags), spansFromTags(predicted[i] ?? [])));
  }
  return scorer;
}

/**
 * Exact character span + type scores on factRuEval documents (PER, ORG, LOC): the model
 * reads the raw text as the services do, so tokenisation is part of what is measured.
 */
export function evaluateOnFactRu(model: NerModel, documents: readonly FactRuDocument[]): SpanScorer {
  const scorer = new SpanScorer(['PER', 'ORG', 'LOC']);
  for (const doc of documents) scorer.add(doc.entities, recognizeWith(model, doc.text));
  return scorer;
}
