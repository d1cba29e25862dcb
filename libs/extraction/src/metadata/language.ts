/** Frequent function words that tell Latin-script languages apart in a few hundred words. */
const STOPWORDS: Record<string, readonly string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'with', 'was', 'on', 'it'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'den', 'sich', 'auf', 'ein', 'eine'],
  fr: ['le', 'la', 'les', 'et', 'des', 'est', 'une', 'dans', 'que', 'pour', 'pas', 'du'],
  es: ['el', 'la', 'los', 'las', 'y', 'que', 'del', 'en', 'por', 'con', 'una', 'para'],
  pt: ['o', 'os', 'as', 'e', 'que', 'do', 'da', 'em', 'para', 'com', 'uma', 'não'],
  it: ['il', 'di', 'che', 'e', 'la', 'per', 'una', 'sono', 'della', 'con', 'non', 'gli'],
  id: ['yang', 'dan', 'di', 'ini', 'itu', 'dengan', 'untuk', 'tidak', 'dari', 'dalam', 'akan', 'ada'],
};

/** A BCP 47 tag reduced to its primary language subtag, lower case ("en-US" → "en"). */
export function normaliseLanguageTag(tag: string | undefined): string | undefined {
  const primary = tag
    ?.trim()
    .split(/[-_\s,;]/)[0]
    ?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

/** Guesses the language of a text from its script, then from its commonest function words. */
export function guessLanguage(text: string): string | undefined {
  const sample = text.slice(0, 5000);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 20) return undefined;
  // Most pages are in Latin script: settle those without the slower script classes.
  const latin = sample.match(/[a-zA-Z\u00C0-\u024F]/g)?.length ?? 0;
  if (latin > letters / 2) return guessLatinLanguage(sample);
  const cyrillic = sample.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  if (cyrillic > letters / 2) return /[іїєґ]/i.test(sample) ? 'uk' : /[ўі]/i.test(sample) ? 'be' : 'ru';
  const scripts: [string, RegExp][] = [
    ['zh', /\p{Script=Han}/gu],
    ['ja', /[\p{Script=Hiragana}\p{Script=Katakana}]/gu],
    ['ko', /\p{Script=Hangul}/gu],
    ['ar', /\p{Script=Arabic}/gu],
    ['el', /\p{Script=Greek}/gu],
    ['he', /\p{Script=Hebrew}/gu],
    ['hi', /\p{Script=Devanagari}/gu],
  ];
  // Japanese text is full of Han characters too: kana decide it before Han does.
  const counts = scripts.map(([lang, re]) => [lang, sample.match(re)?.length ?? 0] as const);
  const kana = counts.find(([lang]) => lang === 'ja')![1];
  if (kana > letters / 10) return 'ja';
  const [script, count] = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  if (count > letters / 2) return script;
  return guessLatinLanguage(sample);
}

function guessLatinLanguage(sample: string): string | undefined {
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  const frequency = new Map<string, number>();
  for (const w of words) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  let best: string | undefined;
  let bestHits = 0;
  for (const [lang, stopwords] of Object.entries(STOPWORDS)) {
    const hits = stopwords.reduce((sum, w) => sum + (frequency.get(w) ?? 0), 0);
    if (hits > bestHits) [best, bestHits] = [lang, hits];
  }
  // Too few function words to tell: better no answer than a wrong one.
  return bestHits >= Math.max(3, words.length * 0.05) ? best : undefined;
}
