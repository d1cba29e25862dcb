import type { TaggedDocument, TaggedSentence } from './corpus.js';

/**
 * Reads CoNLL-2003 columns (token … tag, space separated; the tag is the last column).
 * `-DOCSTART-` lines separate documents and blank lines separate sentences. Throws
 * `ner.conll.invalid` with the line number on a line that has fewer than two columns.
 */
export function parseConll(text: string): TaggedDocument[] {
  const documents: TaggedDocument[] = [];
  let sentences: TaggedSentence[] = [];
  let current: TaggedSentence = { tokens: [], tags: [] };
  const endSentence = () => {
    if (current.tokens.length > 0) sentences.push(current);
    current = { tokens: [], tags: [] };
  };
  const endDocument = () => {
    endSentence();
    if (sentences.length > 0) documents.push({ id: `doc-${documents.length + 1}`, sentences });
    sentences = [];
  };
  text.split(/\r?\n/).forEach((line, n) => {
    const columns = line.trim().split(/\s+/);
    if (columns[0] === '-DOCSTART-') return endDocument();
    if (line.trim() === '') return endSentence();
    if (columns.length < 2) throw new Error(`ner.conll.invalid: line ${n + 1} has no tag column`);
    current.tokens.push(columns[0] ?? '');
    current.tags.push(columns[columns.length - 1] ?? 'O');
  });
  endDocument();
  return documents;
}
