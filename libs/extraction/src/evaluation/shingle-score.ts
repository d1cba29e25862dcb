/**
 * Article-body scoring of the article-extraction benchmark: word tokens (`\w+`), 4-token shingles
 * with counts, per-page true/false positives and false negatives as count overlaps normalised to
 * sum to 1; precision and recall are means over pages, F1 comes from the two means.
 */

const SHINGLE_SIZE = 4;

export interface PageScore {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export interface BodyScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Pages that had something to score. */
  readonly pages: number;
}

/** Word tokens as Python's Unicode `\w+`: letters, numbers and the underscore (not marks). */
export function wordTokens(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+/gu) ?? [];
}

function shingles(text: string): Map<string, number> {
  const tokens = wordTokens(text);
  const counts = new Map<string, number>();
  // Like the benchmark: a text shorter than one shingle is a single shorter shingle.
  const last = Math.max(1, tokens.length - SHINGLE_SIZE + 1);
  for (let i = 0; i < last && tokens.length > 0; i++) {
    const key = tokens.slice(i, i + SHINGLE_SIZE).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** One page's normalised overlap; null when neither text has a token. */
export function scorePage(expected: string, extracted: string): PageScore | null {
  const truth = shingles(expected);
  const predicted = shingles(extracted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...truth.keys(), ...predicted.keys()])) {
    const t = truth.get(key) ?? 0;
    const p = predicted.get(key) ?? 0;
    tp += Math.min(t, p);
    fp += Math.max(0, p - t);
    fn += Math.max(0, t - p);
  }
  const total = tp + fp + fn;
  if (total === 0) return null;
  return { tp: tp / total, fp: fp / total, fn: fn / total };
}

function precisionOf({ tp, fp, fn }: PageScore): number {
  if (fp === 0 && fn === 0) return 1;
  return tp / (tp + fp);
}

function recallOf({ tp, fp, fn }: PageScore): number {
  if (fp === 0 && fn === 0) return 1;
  return tp / (tp + fn);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Means over pages as the benchmark takes them: precision over pages that extracted something,
 * recall over pages whose truth has something.
 */
export function aggregateScores(pages: readonly (PageScore | null)[]): BodyScore {
  const scored = pages.filter((p): p is PageScore => p !== null);
  const precision = mean(scored.filter((p) => p.tp + p.fp > 0).map(precisionOf));
  const recall = mean(scored.filter((p) => p.tp + p.fn > 0).map(recallOf));
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, pages: scored.length };
}
