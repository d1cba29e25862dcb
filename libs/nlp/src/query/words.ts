import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as russianStemmer } from '@orama/stemmers/russian';

export type Script = 'cyrillic' | 'latin' | 'other';

/** A word of analysed text; parts of a hyphenated compound (БАРС-Курск) are words of their own. */
export interface Word {
  /** Lower case, ё folded to е. */
  norm: string;
  /** What inflected forms share: see `stemWord`. */
  stem: string;
  script: Script;
  /** [start, end) character offsets into the analysed text. */
  start: number;
  end: number;
}

/**
 * Runs of letters and digits, with an English possessive ('s) kept on its word. A hyphenated
 * compound (БАРС-Курск) is one token for the tokenizer in text/, but its parts are separate words
 * here, so `БАРС` alone and `БАРС Курск` match it too.
 */
const WORD = /[\p{L}\p{N}]+(?:['’][sS](?![\p{L}\p{N}]))?/gu;
const POSSESSIVE = /['’]s$/;
/** A vowel or sign that Snowball leaves on some forms only (Алексе-я but Алекс-ей, Серге-я but Серг-ей). */
const LOOSE_ENDING = /[аеиоуыэюяйь]$/;
/** Letters a stem keeps after losing a loose ending; shorter stems are left as Snowball gives them. */
const MIN_FOLDED_STEM = 4;
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

/**
 * The form all inflections of a normalised word share: the Porter stem for Latin words; the
 * Snowball Russian stem for Cyrillic ones, less a final vowel where at least four letters remain,
 * because Snowball keeps it on some forms of a name and not others; other words unchanged.
 */
export function stemWord(norm: string, script: Script = scriptOf(norm)): string {
  if (script === 'latin') return englishStemmer(norm);
  if (script === 'other') return norm;
  const stem = russianStemmer(norm);
  return stem.length > MIN_FOLDED_STEM && LOOSE_ENDING.test(stem) ? stem.slice(0, -1) : stem;
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
    const norm = normalizeWord(match[0]).replace(POSSESSIVE, '');
    const { stem, script } = analyse(norm);
    words.push({ norm, stem, script, start: match.index, end: match.index + match[0].length });
  }
  return words;
}
