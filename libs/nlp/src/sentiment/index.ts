export {
  analyzeTone,
  isSentimentLanguage,
  type SentenceTone,
  type TargetTone,
  type TextTone,
  type ToneTarget,
} from './analyze.js';
export { type SentimentLanguage } from './cues.js';
export { parseSentimentData, sentenceFold, type SentimentDataFormat, type TargetExample } from './datasets.js';
export { SentimentError, type SentimentErrorCode } from './errors.js';
export { f1PosNeg, macroScores, type ClassScores } from './metrics.js';
export {
  bundledModel,
  bundledModelUrl,
  deserializeModel,
  serializeModel,
  TONE_CLASSES,
  type SentimentModel,
  type ToneClass,
} from './model.js';
export { argmaxClass, toneFromProbabilities, type ToneEstimate } from './scoring.js';
export {
  crossValidatedProbabilities,
  DEFAULT_TRAINING,
  predictProbabilities,
  trainSentimentModel,
  type SentimentTrainingOptions,
} from './training.js';
