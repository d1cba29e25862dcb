import { guessLanguage } from '@media-monitor/extraction';

const CYRILLIC = /\p{Script=Cyrillic}/gu;
const LATIN = /\p{Script=Latin}/gu;

/**
 * The article's language: the extraction library's reading of script and function words
 * (English, Russian, Ukrainian, German, ...); for texts too short to read, the dominant script
 * (Cyrillic: Russian, else English).
 */
export function detectLanguage(text: string): string {
  const guessed = guessLanguage(text);
  if (guessed && /^[a-z]{2}$/.test(guessed)) return guessed;
  const sample = text.slice(0, 5000);
  const cyrillic = sample.match(CYRILLIC)?.length ?? 0;
  const latin = sample.match(LATIN)?.length ?? 0;
  return cyrillic > latin ? 'ru' : 'en';
}
