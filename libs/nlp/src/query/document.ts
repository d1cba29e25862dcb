import type { TextField } from './ast.js';
import { transliterationKey } from './transliteration.js';
import { analyseWords, type Word } from './words.js';

/** Where the entity extractor found an entity: [start, end) offsets into the field's text. */
export interface EntityMention {
  field: TextField;
  start: number;
  end: number;
}

/** An article as the query language sees it. */
export interface QueryDocument {
  title?: string;
  body?: string;
  /** ISO 639-1 code such as `ru` or `en` (a region suffix like `ru-RU` is ignored). */
  lang?: string;
  sourceId?: string;
  /** Canonical entities found in the article, with their mentions. */
  entities?: ReadonlyArray<{ id: string; mentions?: readonly EntityMention[] }>;
}

/** One text field, tokenised and indexed once so that many queries can be evaluated against it. */
export interface AnalysedField {
  field: TextField;
  text: string;
  words: Word[];
  /** Word positions by stem. */
  byStem: Map<string, number[]>;
  /** Distinct normalised words, sorted, with their positions, for prefix lookups; built on first use. */
  prefixes?: { vocabulary: string[]; byNorm: Map<string, number[]> };
  /** Transliteration keys of the words and their positions by key; built on first use. */
  transliteration?: { keys: (string | undefined)[]; positions: Map<string, number[]> };
}

/** An article analysed once for evaluation against any number of compiled queries. */
export interface AnalysedDocument {
  title: AnalysedField;
  body: AnalysedField;
  lang: string | undefined;
  sourceId: string | undefined;
  /** Mentions by entity id (an entity without mentions maps to an empty list). */
  entities: Map<string, EntityMention[]>;
}

/** Shared by every lookup that finds nothing; never mutated. */
export const NO_POSITIONS: readonly number[] = Object.freeze([]);

/** Tokenises, stems and indexes an article's fields. */
export function analyseDocument(document: QueryDocument): AnalysedDocument {
  const entities = new Map<string, EntityMention[]>();
  for (const entity of document.entities ?? []) {
    entities.set(entity.id, [...(entities.get(entity.id) ?? []), ...(entity.mentions ?? [])]);
  }
  return {
    title: analyseField('title', document.title ?? ''),
    body: analyseField('body', document.body ?? ''),
    lang: document.lang?.toLowerCase().split(/[-_]/)[0],
    sourceId: document.sourceId?.toLowerCase(),
    entities,
  };
}

function analyseField(field: TextField, text: string): AnalysedField {
  const words = analyseWords(text);
  const byStem = new Map<string, number[]>();
  words.forEach((word, position) => append(byStem, word.stem, position));
  return { field, text, words, byStem };
}

/** Transliteration keys of a field's words, computed once per field and only for queries that ask. */
export function transliterationIndex(field: AnalysedField): NonNullable<AnalysedField['transliteration']> {
  if (!field.transliteration) {
    const keys = field.words.map((word) => transliterationKey(word.norm, word.script));
    const positions = new Map<string, number[]>();
    keys.forEach((key, position) => {
      if (key !== undefined) append(positions, key, position);
    });
    field.transliteration = { keys, positions };
  }
  return field.transliteration;
}

/** Positions of the field's words that start with `prefix`, ascending. */
export function positionsByPrefix(field: AnalysedField, prefix: string): readonly number[] {
  if (!field.prefixes) {
    const byNorm = new Map<string, number[]>();
    field.words.forEach((word, position) => append(byNorm, word.norm, position));
    field.prefixes = { vocabulary: [...byNorm.keys()].sort(), byNorm };
  }
  const { vocabulary, byNorm } = field.prefixes;
  let low = 0;
  let high = vocabulary.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((vocabulary[middle] as string) < prefix) low = middle + 1;
    else high = middle;
  }
  let end = low;
  while (end < vocabulary.length && (vocabulary[end] as string).startsWith(prefix)) end++;
  // Most articles have no word with the prefix, or one: answer those without copying or sorting.
  if (end - low <= 1) return end === low ? NO_POSITIONS : (byNorm.get(vocabulary[low] as string) ?? NO_POSITIONS);
  const positions: number[] = [];
  for (let i = low; i < end; i++) {
    for (const position of byNorm.get(vocabulary[i] as string) ?? NO_POSITIONS) positions.push(position);
  }
  return positions.sort((a, b) => a - b);
}

function append(index: Map<string, number[]>, key: string, position: number): void {
  const positions = index.get(key);
  if (positions) positions.push(position);
  else index.set(key, [position]);
}
