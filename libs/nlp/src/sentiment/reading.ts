import { tokenize } from '../text/index.js';
import {
  CLAUSE_BREAK,
  CLOSING_QUOTES,
  OPENING_QUOTES,
  TOGGLING_QUOTES,
  cuesFor,
  normalizeWord,
  type SentimentLanguage,
} from './cues.js';

/** A word of a sentence as the tone model sees it, with the scopes it stands in. */
export interface ReadToken {
  /** Normalised form ({@link normalizeWord}). */
  norm: string;
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
  /** Right after an intensifier ("very", "крайне"). */
  intensified: boolean;
  /** The word is itself a negator, contrast marker or intensifier. */
  cue: boolean;
}

/** Words a negator reaches forward, within its clause. */
export const NEGATION_SCOPE = 3;

const APOSTROPHE = /['’]$/;

/** Quote state after the characters between two words. */
function quoteStateAfter(gap: string, quoted: boolean): boolean {
  let state = quoted;
  for (const ch of gap) {
    if (OPENING_QUOTES.includes(ch)) state = true;
    else if (CLOSING_QUOTES.includes(ch)) state = false;
    else if (TOGGLING_QUOTES.includes(ch)) state = !state;
  }
  return state;
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
  for (const token of tokenize(sentence)) {
    const gap = sentence.slice(previousEnd, token.start);
    previousEnd = token.end;
    if (CLAUSE_BREAK.test(gap)) {
      clause += 1;
      negationLeft = 0;
      intensify = false;
    }
    quoted = quoteStateAfter(gap, quoted);
    // "didn't" reads as "didn" + "t": the lone "t" after an apostrophe is the negator.
    const norm =
      language === 'en' && token.text === 't' && APOSTROPHE.test(gap) ? 'not' : normalizeWord(token.text, language);
    const isNegator = cues.negators.has(norm);
    const isContrast = cues.contrasts.has(norm);
    const isIntensifier = cues.intensifiers.has(norm);
    if (isContrast) {
      clause += 1;
      negationLeft = 0;
    }
    out.push({
      norm,
      start: token.start,
      end: token.end,
      clause,
      negated: negationLeft > 0 && !isNegator,
      quoted,
      afterContrast: afterContrast || isContrast,
      intensified: intensify,
      cue: isNegator || isContrast || isIntensifier,
    });
    if (isContrast) afterContrast = true;
    intensify = isIntensifier;
    negationLeft = isNegator ? NEGATION_SCOPE : Math.max(0, negationLeft - 1);
  }
  return out;
}
