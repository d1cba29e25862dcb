import { readFileSync } from 'node:fs';
import { NerModel } from './model.js';
import type { EntityType } from './tags.js';
import { sentenceRanges, tokenizeForNer } from './tokenize.js';

/** A named entity found in a text, with [start, end) character offsets into that text. */
export interface EntityMention {
  text: string;
  type: EntityType;
  start: number;
  end: number;
}

export type NerLanguage = 'en' | 'ru';

export const NER_LANGUAGES: readonly NerLanguage[] = ['en', 'ru'];

export function isNerLanguage(value: unknown): value is NerLanguage {
  return typeof value === 'string' && (NER_LANGUAGES as readonly string[]).includes(value);
}

/** Where the committed model of a language lives; resolves the same from src/ and dist/. */
export function nerModelUrl(language: NerLanguage): URL {
  return new URL(`../../models/ner-${language}.model.gz`, import.meta.url);
}

const loaded = new Map<NerLanguage, NerModel>();

/** The committed model of a language, read once per process. */
export function loadNerModel(language: NerLanguage): NerModel {
  let model = loaded.get(language);
  if (!model) {
    model = NerModel.deserialize(readFileSync(nerModelUrl(language)));
    loaded.set(language, model);
  }
  return model;
}

/** Named entities of a raw text with a given model: tokenise, cut sentences, tag, map back to offsets. */
export function recognizeWith(model: NerModel, text: string): EntityMention[] {
  const tokens = tokenizeForNer(text);
  const ranges = sentenceRanges(tokens, (a, b) => text.slice(a.end, b.start));
  const sentences = ranges.map(([from, to]) => tokens.slice(from, to));
  const paths = model.tagIndices(sentences.map((s) => s.map((t) => t.text)));
  const mentions: EntityMention[] = [];
  sentences.forEach((sentence, s) => {
    for (const span of model.spansOf(paths[s] ?? new Int32Array(0))) {
      const start = sentence[span.start]?.start ?? 0;
      const end = sentence[span.end - 1]?.end ?? start;
      mentions.push({ text: text.slice(start, end), type: span.type, start, end });
    }
  });
  return mentions;
}

/**
 * Named entities (PER, ORG, LOC, and MISC for English) of a text in English or Russian,
 * with character offsets. Throws `ner.language.unsupported` for other languages.
 */
export function recognize(text: string, language: string): EntityMention[] {
  if (typeof text !== 'string') throw new TypeError('ner.text.invalid: text must be a string');
  if (!isNerLanguage(language)) throw new Error(`ner.language.unsupported: no NER model for "${language}"`);
  return recognizeWith(loadNerModel(language), text);
}
