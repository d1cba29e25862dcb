import type { WordPattern, WordSequence } from './compiler.js';
import { type AnalysedField, NO_POSITIONS, positionsByPrefix, transliterationIndex } from './document.js';
import type { Word } from './words.js';

/** Where a word sequence occurs in a field: first and last word positions, inclusive. */
export interface Occurrence {
  first: number;
  last: number;
  sequence: WordSequence;
}

/** Every occurrence of any of the sequences in the field, ordered by first word. */
export function findOccurrences(field: AnalysedField, sequences: readonly WordSequence[]): Occurrence[] {
  const found: Occurrence[] = [];
  if (sequences.length === 1 && sequences[0]?.words.length === 1) {
    return candidates(field, sequences[0].words[0] as WordPattern).map((first) => ({
      first,
      last: first,
      sequence: sequences[0] as WordSequence,
    }));
  }
  for (const sequence of sequences) {
    const { words } = sequence;
    if (words.length === 0) continue;
    for (const first of candidates(field, words[0] as WordPattern)) {
      const last = first + words.length - 1;
      if (last >= field.words.length) break;
      let k = 1;
      while (k < words.length && matchesWord(field, first + k, words[k] as WordPattern)) k++;
      if (k === words.length) found.push({ first, last, sequence });
    }
  }
  return sequences.length === 1 ? found : found.sort((a, b) => a.first - b.first || a.last - b.last);
}

/** Positions of words matching a pattern, ascending. */
function candidates(field: AnalysedField, pattern: WordPattern): readonly number[] {
  if (pattern.kind === 'prefix') return positionsByPrefix(field, pattern.prefix);
  if (pattern.kind === 'exact') {
    const byStem = field.byStem.get(pattern.stem) ?? NO_POSITIONS;
    return byStem.filter((position) => matchesWord(field, position, pattern));
  }
  const byStem = field.byStem.get(pattern.stem) ?? NO_POSITIONS;
  if (pattern.transliteration === undefined) return byStem;
  const index = transliterationIndex(field);
  const byKey = (index.positions.get(pattern.transliteration) ?? NO_POSITIONS).filter((position) =>
    crossesScript(field.words[position] as Word, pattern),
  );
  return byKey.length === 0 ? byStem : [...new Set([...byStem, ...byKey])].sort((a, b) => a - b);
}

function matchesWord(field: AnalysedField, position: number, pattern: WordPattern): boolean {
  const word = field.words[position] as Word;
  if (pattern.kind === 'prefix') return word.norm.startsWith(pattern.prefix);
  if (pattern.kind === 'exact') return field.text.slice(word.start, word.end) === pattern.surface;
  if (word.stem === pattern.stem) return true;
  return (
    pattern.transliteration !== undefined &&
    crossesScript(word, pattern) &&
    transliterationIndex(field).keys[position] === pattern.transliteration
  );
}

/** Transliteration only bridges Latin and Cyrillic; within one script the stems decide. */
function crossesScript(word: Word, pattern: Extract<WordPattern, { kind: 'stem' }>): boolean {
  return word.script !== pattern.script && word.script !== 'other';
}
