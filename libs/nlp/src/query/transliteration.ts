import { type Script, stemWord } from './words.js';

/**
 * Latin spellings of Russian letters, longest first, covering BGN/PCGN, GOST 7.79-B and the
 * usual passport and press spellings (Shoigu, Besprozvannykh, Zelensky, Alexey, Yevgeny).
 */
const LATIN_TO_CYRILLIC: ReadonlyArray<readonly [string, string]> = [
  ['shch', 'щ'],
  ['sch', 'щ'],
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ts', 'ц'],
  ['tz', 'ц'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['yu', 'ю'],
  ['iu', 'ю'],
  ['ju', 'ю'],
  ['ya', 'я'],
  ['ia', 'я'],
  ['ja', 'я'],
  ['yo', 'е'],
  ['ye', 'е'],
  ['je', 'е'],
  ['ph', 'ф'],
  ['ck', 'к'],
  ['x', 'кс'],
  ['a', 'а'],
  ['b', 'б'],
  ['c', 'к'],
  ['d', 'д'],
  ['e', 'е'],
  ['f', 'ф'],
  ['g', 'г'],
  ['h', 'х'],
  ['i', 'и'],
  ['j', 'й'],
  ['k', 'к'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['o', 'о'],
  ['p', 'п'],
  ['q', 'к'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['v', 'в'],
  ['w', 'в'],
  ['z', 'з'],
];
const VOWELS = new Set('aeiouy');

/**
 * Russian spelling of a lower-case Latin word. Digraphs win over single letters; a `y` is й after
 * a vowel, ий at the end after a consonant (Zelensky, Yury) and ы elsewhere; a final `i` after a
 * vowel is й (Andrei, Tsoi).
 */
function toCyrillic(latin: string): string {
  let out = '';
  let i = 0;
  while (i < latin.length) {
    const pair = LATIN_TO_CYRILLIC.find(([from]) => latin.startsWith(from, i));
    const ch = latin[i] as string;
    const afterVowel = i > 0 && VOWELS.has(latin[i - 1] as string);
    const last = i === latin.length - 1;
    if (pair && pair[0].length > 1) {
      out += pair[1];
      i += pair[0].length;
      continue;
    }
    if (ch === 'y') out += afterVowel ? 'й' : last ? 'ий' : 'ы';
    else if (ch === 'i' && last && afterVowel) out += 'й';
    else out += pair ? pair[1] : ch;
    i++;
  }
  return out;
}

/** Letters that romanisations confuse (ы/и/й, э/е, soft and hard signs, doubled consonants). */
function fold(cyrillic: string): string {
  return cyrillic
    .replace(/[ыйі]/g, 'и')
    .replace(/э/g, 'е')
    .replace(/[ьъ]/g, '')
    .replace(/(.)\1+/g, '$1');
}

/**
 * A script-neutral key for names: Latin words are respelled in Cyrillic, stemmed as Russian and
 * folded, so Besprozvannykh, Беспрозванных and Беспрозванного share one key. Only compared across scripts.
 */
export function transliterationKey(norm: string, script: Script): string | undefined {
  if (script === 'other') return undefined;
  const cyrillic = script === 'latin' ? toCyrillic(norm) : norm;
  return fold(stemWord(cyrillic, 'cyrillic'));
}
