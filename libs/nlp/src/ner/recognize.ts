import { readFileSync } from 'node:fs';
import type { Token } from '../text/index.js';
import { GAZETTEER_FLAGS } from './gazetteer.js';
import { NerModel } from './model.js';
import type { TokenSpan } from './tags.js';
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
  const nested = model.header.language === 'ru';
  sentences.forEach((sentence, s) => {
    const spans = model.spansOf(paths[s] ?? new Int32Array(0));
    if (nested) spans.push(...countriesInside(model, sentence, spans));
    for (const span of spans) {
      const start = sentence[span.start]?.start ?? 0;
      const end = sentence[span.end - 1]?.end ?? start;
      mentions.push({ text: text.slice(start, end), type: span.type, start, end });
    }
  });
  return mentions;
}

const COUNTRY = GAZETTEER_FLAGS.country;
/** Country flags of a word, by its form or (Russian inflections) its stem. */
const COUNTRY_BITS = COUNTRY | (COUNTRY << 8);

/**
 * Countries named inside a longer organisation name («Голос Америки», «Единая Россия», «ГУ МЧС
 * России»): Russian news annotation (factRuEval) counts them as locations of their own, nested
 * in the organisation; a one-layer tagger gives only the outer name.
 */
function countriesInside(model: NerModel, sentence: readonly Token[], spans: readonly TokenSpan[]): TokenSpan[] {
  const inner: TokenSpan[] = [];
  for (const span of spans) {
    if (span.type !== 'ORG' || span.end - span.start < 2) continue;
    for (let i = span.start + 1; i < span.end; i++) {
      const word = sentence[i]?.text ?? '';
      if (!/^\p{Lu}/u.test(word)) continue;
      if (model.gazetteer.flags(word.toLowerCase()) & COUNTRY_BITS) inner.push({ type: 'LOC', start: i, end: i + 1 });
    }
  }
  return inner;
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
