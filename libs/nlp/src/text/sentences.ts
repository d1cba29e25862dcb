/** A sentence with its offsets ([start, end)) into the analysed text. */
export interface Sentence {
  index: number;
  start: number;
  end: number;
  text: string;
}

/** Ends at ., !, ? or … followed by space and an upper-case letter, a quote or a digit; or at a line break. */
const BOUNDARY = /(?<=[.!?…])["»”)]?\s+(?=["«“(]?[\p{Lu}\p{N}])|\n+/gu;

/** Splits text into sentences with offsets; empty stretches are dropped. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let cursor = 0;
  const push = (end: number) => {
    const raw = text.slice(cursor, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed)
      sentences.push({
        index: sentences.length,
        start: cursor + lead,
        end: cursor + lead + trimmed.length,
        text: trimmed,
      });
  };
  for (const match of text.matchAll(BOUNDARY)) {
    push(match.index);
    cursor = match.index + match[0].length;
  }
  push(text.length);
  return sentences;
}
