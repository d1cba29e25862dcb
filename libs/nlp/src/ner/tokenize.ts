import type { Token } from '../text/index.js';

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;

/** Letters, digits and combining marks; ASCII and Cyrillic without a regular expression. */
function isWordChar(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  if (code >= 0x400 && code <= 0x4ff) return true;
  return WORD_CHAR.test(String.fromCharCode(code));
}

function isSpace(code: number): boolean {
  return (
    code <= 32 ||
    code === 0xa0 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Joins two word runs into one token: hyphens, dots and commas inside numbers, slashes. */
const JOINERS = new Set([45, 0x2010, 0x2011, 46, 44, 47]);
const APOSTROPHES = new Set([39, 0x2019]);

/** Length of a letter-dot abbreviation (U.S., E.U.) starting at `at`, or 0. */
function abbreviationLength(text: string, at: number): number {
  let end = at;
  while (end + 1 < text.length && LETTER.test(text.charAt(end)) && text.charCodeAt(end + 1) === 46) end += 2;
  return end - at >= 4 ? end - at : 0;
}

/** End of the word starting at `at`: word runs joined by inner hyphens, dots, commas, slashes, or an apostrophe before a capital (O'Neill, not Putin's). */
function wordEnd(text: string, at: number): number {
  let end = at;
  for (;;) {
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    const joiner = text.charCodeAt(end);
    const next = end + 1 < text.length ? text.charCodeAt(end + 1) : 0;
    const joins = JOINERS.has(joiner) ? isWordChar(next) : APOSTROPHES.has(joiner) && UPPER.test(text.charAt(end + 1));
    if (!joins) return end;
    end++;
  }
}

/**
 * Splits raw text into tokens as the NER training sets cut them, with character offsets:
 * words with inner hyphens, dots or commas (BARS-Kaliningrad, 1996-08-22, 3,5), letter
 * abbreviations with their dots (U.S.), and every other non-space character on its own.
 */
export function tokenizeForNer(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      i++;
      continue;
    }
    let end = i + 1;
    if (isWordChar(code)) {
      const abbreviation = abbreviationLength(text, i);
      end = abbreviation > 0 ? i + abbreviation : wordEnd(text, i);
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) end = i + 2;
    tokens.push({ text: text.slice(i, end), start: i, end });
    i = end;
  }
  return tokens;
}

const TERMINAL = new Set(['.', '!', '?', '…']);
const OPENS_SENTENCE = /^[\p{Lu}\p{N}"«“„(]/u;

/**
 * Groups tokens into sentences: after ., !, ? or … when the next token opens a sentence,
 * and at line breaks. `between(a, b)` returns the text between two consecutive tokens.
 */
export function sentenceRanges(
  tokens: readonly Token[],
  between: (previous: Token, next: Token) => string,
): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (let i = 1; i < tokens.length; i++) {
    const previous = tokens[i - 1] as Token;
    const next = tokens[i] as Token;
    const gap = between(previous, next);
    const boundary =
      gap.includes('\n') || (TERMINAL.has(previous.text) && gap.length > 0 && OPENS_SENTENCE.test(next.text));
    if (boundary) {
      ranges.push([start, i]);
      start = i;
    }
  }
  if (tokens.length > start) ranges.push([start, tokens.length]);
  return ranges;
}
