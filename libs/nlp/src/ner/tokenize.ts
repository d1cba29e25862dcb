import type { Token } from '../text/index.js';

/**
 * Tokens as the NER training sets cut them: words with inner hyphens, apostrophes or dots
 * (BARS-Kaliningrad, O'Neill, 1996-08-22, 3.5), letter abbreviations with their dots (U.S.),
 * and every other non-space character as a token of its own (punctuation, quotes).
 */
const NER_TOKEN = /(?:\p{L}\.){2,}|[\p{L}\p{N}\p{M}]+(?:[-‐‑'’.,/][\p{L}\p{N}\p{M}]+)*|\S/gu;

/** Splits raw text into NER tokens with character offsets, punctuation included. */
export function tokenizeForNer(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(NER_TOKEN)) {
    tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
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
