import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as russianStemmer } from '@orama/stemmers/russian';
import { tokenize } from '../text/index.js';

export type Script = 'cyrillic' | 'latin' | 'other';

/** A word of analysed text; parts of a hyphenated compound (БАРС-Курск) are words of their own. */
export interface Word {
  /** Lower case, ё folded to е. */
  norm: string;
  /** Snowball Russian stem for Cyrillic words, Porter stem for Latin ones, else `norm`. */
  stem: string;
  script: Script;
  /** [start, end) character offsets into the analysed text. */
  start: number;
  end: number;
}

const HYPHEN = /[-‐‑]/;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /^[a-z]+$/;
/** Stems are pure functions of the word; a bounded cache spares re-stemming common words. */
const STEM_CACHE_LIMIT = 100_000;
const stemCache = new Map<string, string>();

/** Lower case with ё folded to е, the form every comparison uses. */
export function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/ё/g, 'е');
}

export function scriptOf(norm: string): Script {
  if (CYRILLIC.test(norm)) return 'cyrillic';
  return LATIN.test(norm) ? 'latin' : 'other';
}

/** The inflection-free form of a normalised word (Snowball Russian, Porter English). */
export function stemWord(norm: string, script: Script = scriptOf(norm)): string {
  if (script === 'other') return norm;
  let stem = stemCache.get(norm);
  if (stem === undefined) {
    stem = script === 'cyrillic' ? russianStemmer(norm) : englishStemmer(norm);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(norm, stem);
  }
  return stem;
}

/** Splits text into words with offsets, compounds split at their hyphens. */
export function analyseWords(text: string): Word[] {
  const words: Word[] = [];
  for (const token of tokenize(text)) {
    let offset = token.start;
    for (const part of token.text.split(HYPHEN)) {
      const norm = normalizeWord(part);
      const script = scriptOf(norm);
      words.push({ norm, stem: stemWord(norm, script), script, start: offset, end: offset + part.length });
      offset += part.length + 1;
    }
  }
  return words;
}
