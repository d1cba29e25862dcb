import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as russianStemmer } from '@orama/stemmers/russian';

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

/**
 * Runs of letters and digits. A hyphenated compound (БАРС-Курск) is one token for the tokenizer in
 * text/, but its parts are separate words here, so `БАРС` alone and `БАРС Курск` match it too.
 */
const WORD = /[\p{L}\p{N}]+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /^[a-z]+$/;
/** Stems are pure functions of the word; a bounded cache spares re-stemming common words. */
const CACHE_LIMIT = 100_000;
const cache = new Map<string, { stem: string; script: Script }>();

/** Lower case with ё folded to е, the form every comparison uses. */
export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  return lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower;
}

export function scriptOf(norm: string): Script {
  if (CYRILLIC.test(norm)) return 'cyrillic';
  return LATIN.test(norm) ? 'latin' : 'other';
}

/** The inflection-free form of a normalised word (Snowball Russian, Porter English). */
export function stemWord(norm: string, script: Script = scriptOf(norm)): string {
  if (script === 'other') return norm;
  return script === 'cyrillic' ? russianStemmer(norm) : englishStemmer(norm);
}

function analyse(norm: string): { stem: string; script: Script } {
  let analysed = cache.get(norm);
  if (analysed === undefined) {
    const script = scriptOf(norm);
    analysed = { stem: stemWord(norm, script), script };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(norm, analysed);
  }
  return analysed;
}

/** Splits text into words with offsets, compounds split at their hyphens. */
export function analyseWords(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const norm = normalizeWord(match[0]);
    const { stem, script } = analyse(norm);
    words.push({ norm, stem, script, start: match.index, end: match.index + match[0].length });
  }
  return words;
}
