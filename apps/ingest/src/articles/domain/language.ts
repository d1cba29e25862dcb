const CYRILLIC = /\p{Script=Cyrillic}/gu;
const LATIN = /\p{Script=Latin}/gu;

/**
 * Guesses the language from the script of the letters: Russian when Cyrillic dominates,
 * otherwise English. Enough for the two languages the product supports today.
 */
export function detectLanguage(text: string): 'en' | 'ru' {
  const sample = text.slice(0, 5000);
  const cyrillic = sample.match(CYRILLIC)?.length ?? 0;
  const latin = sample.match(LATIN)?.length ?? 0;
  return cyrillic > latin ? 'ru' : 'en';
}
