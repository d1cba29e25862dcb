export * from './text/index.js';
export * from './ner/index.js';
