export { recognize, recognizeWith, loadNerModel, nerModelUrl, isNerLanguage, NER_LANGUAGES } from './recognize.js';
export type { EntityMention as RecognizedMention, NerLanguage } from './recognize.js';
export { NerModel, type NerModelHeader } from './model.js';
export { trainNerModel, type TrainOptions } from './train.js';
export { parseConll } from './conll.js';
export { parseFactRuDocument, readFactRuDirectory, factRuTaggedDocument } from './factru.js';
export type { FactRuDocument, FactRuEntity } from './factru.js';
export type { TaggedDocument, TaggedSentence } from './corpus.js';
export { SpanScorer, type ScoredSpan, type PrfFigures } from './scoring.js';
export { evaluateOnConll, evaluateOnFactRu } from './evaluate.js';
export {
  tagSet,
  schemeOf,
  spansFromTags,
  tagsFromSpans,
  ENTITY_TYPES,
  type EntityType,
  type TokenSpan,
  type TagScheme,
} from './tags.js';
export { tokenizeForNer, sentenceRanges } from './tokenize.js';
export { documentFeatures, FEATURES_PER_TOKEN } from './features.js';
export { Gazetteer, GAZETTEER_FLAGS, type GazetteerEntry, type GazetteerKind } from './gazetteer.js';
