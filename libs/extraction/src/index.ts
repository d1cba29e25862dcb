export { extractBodyFromDom } from './body/article-body.js';
export { readJsonLdArticle } from './metadata/json-ld.js';
export { parseHtml } from './dom/html-document.js';
export { decodeHtml, DEFAULT_MAX_BYTES, type DecodeOptions, type DecodedHtml } from './decoding/html-decoder.js';
export { ExtractionError, type ExtractionErrorCode } from './extraction.errors.js';
export { aggregateScores, scorePage, wordTokens, type BodyScore, type PageScore } from './evaluation/shingle-score.js';
