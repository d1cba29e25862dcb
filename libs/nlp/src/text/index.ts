export { tokenize, wordMatches, type Token } from './tokens.js';
export { splitSentences, type Sentence } from './sentences.js';
