import {
  CLAUSE_PUNCTUATION,
  CLOSING_QUOTES,
  OPENING_QUOTES,
  TOGGLING_QUOTES,
  cuesFor,
  normalizeWord,
  russianStemKey,
  type Cues,
  type SentimentLanguage,
} from './cues.js';

/** A word of a sentence as the tone model sees it, with the scopes it stands in. */
export interface ReadToken {
  /** Normalised form ({@link normalizeWord}). */
  norm: string;
  /** Russian only: the lexicon key of the Snowball stem ({@link russianStemKey}). */
  stemKey: string | undefined;
  /** Offsets into the sentence, [start, end). */
  start: number;
  end: number;
  /** Index of the clause (split at punctuation and contrast markers). */
  clause: number;
  /** Inside the scope of a negator that opened earlier in the same clause. */
  negated: boolean;
  /** Inside quotation marks. */
  quoted: boolean;
  /** After a contrast marker ("but", "но") in the sentence. */
  afterContrast: boolean;
  /**
   * Discourse weight: in a sentence with a contrast marker the words before it count
   * {@link BEFORE_CONTRAST}, the words after it {@link AFTER_CONTRAST} (as VADER weighs "but").
   */
  weight: number;
  /** Right after an intensifier ("very", "крайне"). */
  intensified: boolean;
  /** The word is itself a negator, contrast marker or intensifier. */
  cue: boolean;
}

/** Words a negator reaches forward, within its clause. */
export const NEGATION_SCOPE = 3;
export const BEFORE_CONTRAST = 0.5;
export const AFTER_CONTRAST = 1.5;

/** What the characters between two words do: break a clause, open or close a quotation. */
interface Gap {
  breaksClause: boolean;
  quoted: boolean;
  apostrophe: boolean;
}

/** Reads the gap [from, to) of the sentence without slicing it (the hot path of document tone). */
function readGap(sentence: string, from: number, to: number, quoted: boolean): Gap {
  let breaksClause = false;
  let state = quoted;
  for (let i = from; i < to; i += 1) {
    const ch = sentence[i] as string;
    if (ch === ' ') continue;
    if (CLAUSE_PUNCTUATION.includes(ch) || (ch === '-' && sentence[i - 1] === ' ' && sentence[i + 1] === ' '))
      breaksClause = true;
    else if (OPENING_QUOTES.includes(ch)) state = true;
    else if (CLOSING_QUOTES.includes(ch)) state = false;
    else if (TOGGLING_QUOTES.includes(ch)) state = !state;
  }
  const last = to > from ? sentence[to - 1] : '';
  return { breaksClause, quoted: state, apostrophe: last === "'" || last === '’' };
}

/** Whether each UTF-16 code unit of the Basic Multilingual Plane is a letter or digit; built once. */
const WORD_UNIT: Uint8Array = (() => {
  const table = new Uint8Array(0x10000);
  const word = /[\p{L}\p{N}]/u;
  for (let code = 0; code < 0x10000; code += 1) if (word.test(String.fromCharCode(code))) table[code] = 1;
  return table;
})();
const HYPHENS = '-‐‑';

/** Letters and digits outside the BMP (surrogate pairs) are checked one by one. */
function wordWidthAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0xd800 || code > 0xdbff) return WORD_UNIT[code] === 1 ? 1 : 0;
  return /[\p{L}\p{N}]/u.test(String.fromCodePoint(text.codePointAt(i) ?? 0)) ? 2 : 0;
}

/**
 * Word spans as flat [start, end, start, end, …], the same words as the shared `tokenize`
 * (runs of letters and digits joined by hyphens) but without regex match objects.
 */
export function scanWords(text: string): number[] {
  const spans: number[] = [];
  let i = 0;
  while (i < text.length) {
    let width = wordWidthAt(text, i);
    if (width === 0) {
      i += 1;
      continue;
    }
    const start = i;
    for (;;) {
      while (width > 0) {
        i += width;
        width = i < text.length ? wordWidthAt(text, i) : 0;
      }
      if (i + 1 < text.length && HYPHENS.includes(text[i] as string) && wordWidthAt(text, i + 1) > 0) {
        i += 1;
        width = wordWidthAt(text, i);
      } else break;
    }
    spans.push(start, i);
  }
  return spans;
}

/** What reading needs to know of a lower-case word, independent of where it stands. */
interface WordInfo {
  norm: string;
  stemKey: string | undefined;
  isNegator: boolean;
  isContrast: boolean;
  /** A contrast or concessive marker: it opens a new clause. */
  breaksClause: boolean;
  isIntensifier: boolean;
}

/** Word facts are pure functions of the word: a bounded cache per language spares recomputing them. */
const WORDS_CACHED = 100_000;
const wordInfos = new Map<Cues, Map<string, WordInfo>>();

function wordInfo(word: string, cues: Cues): WordInfo {
  let cache = wordInfos.get(cues);
  if (!cache) wordInfos.set(cues, (cache = new Map()));
  let info = cache.get(word);
  if (info === undefined) {
    const norm = normalizeWord(word, cues.language);
    const isContrast = cues.contrasts.has(norm);
    info = {
      norm,
      stemKey: cues.language === 'ru' ? russianStemKey(word) : undefined,
      isNegator: cues.negators.has(norm),
      isContrast,
      breaksClause: isContrast || cues.concessives.has(norm),
      isIntensifier: cues.intensifiers.has(norm),
    };
    if (cache.size >= WORDS_CACHED) cache.clear();
    cache.set(word, info);
  }
  return info;
}

/**
 * Reads a sentence into words with their negation, contrast, quotation and clause scopes.
 * State is local to the call: a negation never outlives its clause, let alone the sentence.
 */
export function readSentence(sentence: string, language: SentimentLanguage): ReadToken[] {
  const cues = cuesFor(language);
  const out: ReadToken[] = [];
  let clause = 0;
  let negationLeft = 0;
  let quoted = false;
  let afterContrast = false;
  let intensify = false;
  let previousEnd = 0;
  // Lower-casing once is much cheaper than per word; per word only where it changes lengths.
  const lower = sentence.toLowerCase();
  const sameLength = lower.length === sentence.length;
  const spans = scanWords(sentence);
  for (let k = 0; k < spans.length; k += 2) {
    const start = spans[k] as number;
    const end = spans[k + 1] as number;
    const word = sameLength ? lower.slice(start, end) : sentence.slice(start, end).toLowerCase();
    const gap = readGap(sentence, previousEnd, start, quoted);
    previousEnd = end;
    if (gap.breaksClause) {
      clause += 1;
      negationLeft = 0;
      intensify = false;
    }
    quoted = gap.quoted;
    // "didn't" reads as "didn" + "t": the lone "t" after an apostrophe is the negator.
    const info = language === 'en' && word === 't' && gap.apostrophe ? wordInfo('not', cues) : wordInfo(word, cues);
    const { norm, stemKey, isNegator, isContrast, breaksClause, isIntensifier } = info;
    if (breaksClause) {
      clause += 1;
      negationLeft = 0;
    }
    out.push({
      norm,
      stemKey,
      start,
      end,
      clause,
      negated: negationLeft > 0 && !isNegator,
      quoted,
      afterContrast: afterContrast || isContrast,
      weight: afterContrast ? AFTER_CONTRAST : 1,
      intensified: intensify,
      cue: isNegator || breaksClause || isIntensifier,
    });
    if (isContrast && !afterContrast) {
      afterContrast = true;
      for (const before of out) before.weight = BEFORE_CONTRAST;
    }
    intensify = isIntensifier;
    negationLeft = isNegator ? NEGATION_SCOPE : Math.max(0, negationLeft - 1);
  }
  return out;
}
