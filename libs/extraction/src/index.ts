export { extractArticle, type ExtractedArticle, type ExtractOptions } from './extract-article.js';
export { ExtractionError, type ExtractionErrorCode } from './extraction.errors.js';
export { decodeHtml, DEFAULT_MAX_BYTES, type DecodedHtml, type DecodeOptions } from './decoding/html-decoder.js';
export { parseMachineDate, parseUrlDate, parseVisibleDate } from './metadata/dates.js';
export { guessLanguage } from './metadata/language.js';
export { guessSingleByteEncoding } from './decoding/cyrillic-guess.js';
export { aggregateScores, scorePage, wordTokens, type BodyScore, type PageScore } from './evaluation/shingle-score.js';
export {
  readBenchmarkPages,
  scoreBenchmark,
  type BenchmarkPage,
  type BenchmarkScore,
  type BodiesById,
} from './evaluation/benchmark-files.js';
