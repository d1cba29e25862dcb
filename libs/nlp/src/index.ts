export * from './text/index.js';
export * from './sentiment/index.js';
export * from './query/index.js';
export * from './ner/index.js';
