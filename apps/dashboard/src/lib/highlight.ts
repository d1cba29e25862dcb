/** A span of text to highlight: a topic query's evidence or an entity mention. */
export interface TextMark {
  start: number;
  end: number;
  kind: 'topic' | 'entity';
  /** What the mark stands for, shown on hover (query term, entity name and tone). */
  label: string;
  /** The tone towards the entity at this mention, when known. */
  tone?: 'positive' | 'neutral' | 'negative';
  /** The text the analysis recorded for the span; a span whose text differs is relocated or dropped. */
  expected?: string;
}

/** A run of text with the marks covering all of it (none for plain text). */
export interface TextSegment {
  text: string;
  start: number;
  end: number;
  marks: TextMark[];
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Moves an offset off the middle of a surrogate pair, so no segment splits a character. */
function snap(text: string, offset: number): number {
  return offset > 0 && offset < text.length && isHighSurrogate(text.charCodeAt(offset - 1)) ? offset + 1 : offset;
}

/**
 * The mark placed on `text`: kept where its offsets hold the expected text, else moved to the
 * nearest occurrence of that text (offsets of an older analysis), else undefined.
 */
export function placeMark(text: string, mark: TextMark): TextMark | undefined {
  const { start, end, expected } = mark;
  const inRange = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= text.length;
  if (expected === undefined || expected === '') return inRange ? mark : undefined;
  if (inRange && text.slice(start, end) === expected) return mark;
  let best = -1;
  for (let at = text.indexOf(expected); at !== -1; at = text.indexOf(expected, at + 1)) {
    if (best === -1 || Math.abs(at - start) < Math.abs(best - start)) best = at;
  }
  return best === -1 ? undefined : { ...mark, start: best, end: best + expected.length };
}

/**
 * Splits text at the marks' offsets into segments, each covered by the same marks throughout.
 * Overlapping marks give segments with several marks; invalid or misplaced marks are dropped.
 * The segments are rendered as text nodes, so nothing in the text is ever parsed as markup.
 */
export function segmentText(text: string, marks: readonly TextMark[]): TextSegment[] {
  const placed = marks
    .map((m) => placeMark(text, m))
    .filter((m): m is TextMark => m !== undefined)
    .map((m) => ({ ...m, start: snap(text, m.start), end: snap(text, m.end) }));
  const cuts = new Set<number>([0, text.length]);
  for (const m of placed) cuts.add(m.start).add(m.end);
  const points = [...cuts].sort((a, b) => a - b);
  const segments: TextSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    if (end <= start) continue;
    segments.push({
      text: text.slice(start, end),
      start,
      end,
      marks: placed.filter((m) => m.start <= start && m.end >= end),
    });
  }
  return segments;
}
