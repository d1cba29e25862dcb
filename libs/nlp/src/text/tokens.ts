/** A word of the text with its character offsets ([start, end)). */
export interface Token {
  text: string;
  start: number;
  end: number;
}

/** Words, numbers and hyphenated compounds (BARS-Kaliningrad, БАРС-Курск) with offsets. */
const WORD = /[\p{L}\p{N}]+(?:[-‐‑][\p{L}\p{N}]+)*/gu;

/** Splits text into word tokens with their offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
/** Russian case and gender endings, longest first. */
const RUSSIAN_ENDINGS = [
  'ая',
  'яя',
  'ое',
  'ее',
  'ой',
  'ей',
  'ий',
  'ый',
  'ие',
  'ия',
  'ь',
  'а',
  'я',
  'о',
  'е',
  'и',
  'ы',
  'у',
  'ю',
  'й',
];
/** Longest tail an inflected form may add to a stem. */
const MAX_INFLECTION = 3;

function russianStem(word: string): string {
  for (const ending of RUSSIAN_ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= 3) return word.slice(0, -ending.length);
  }
  return word;
}

function partMatches(aliasPart: string, textPart: string): boolean {
  if (aliasPart === textPart) return true;
  if (!CYRILLIC.test(aliasPart)) return false;
  const stem = russianStem(aliasPart);
  return textPart.startsWith(stem) && textPart.length <= stem.length + MAX_INFLECTION;
}

/**
 * Whether a text word is a form of an alias word: equal, or for Russian words an inflection
 * of the same stem (Курская → Курской, БАРС → БАРСа), compared part by part in compounds.
 */
export function wordMatches(aliasWord: string, textWord: string, caseSensitive: boolean): boolean {
  const normalise = (w: string) => (caseSensitive ? w : w.toLowerCase()).replace(/ё/g, 'е').replace(/Ё/g, 'Е');
  const aliasParts = normalise(aliasWord).split(/[-‐‑]/);
  const textParts = normalise(textWord).split(/[-‐‑]/);
  return aliasParts.length === textParts.length && aliasParts.every((part, i) => partMatches(part, textParts[i] ?? ''));
}
