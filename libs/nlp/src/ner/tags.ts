/** Entity types the recogniser emits (CoNLL's four; Russian models use PER, ORG and LOC). */
export type EntityType = 'PER' | 'ORG' | 'LOC' | 'MISC';

export const ENTITY_TYPES: readonly EntityType[] = ['PER', 'ORG', 'LOC', 'MISC'];

/** A typed entity over tokens [start, end) of one sequence. */
export interface TokenSpan {
  type: EntityType;
  start: number;
  end: number;
}

export function isEntityType(value: string): value is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(value);
}

/** The BIO tag set for the given types: O first, then B-X, I-X per type. */
export function bioTags(types: readonly EntityType[]): string[] {
  return ['O', ...types.flatMap((t) => [`B-${t}`, `I-${t}`])];
}

/**
 * Spans from a BIO (IOB2) tag sequence. An I-X that does not continue an X entity starts one,
 * as conlleval reads it, so IOB1 input and imperfect predictions are scored the usual way.
 */
export function spansFromTags(tags: readonly string[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let open: TokenSpan | undefined;
  tags.forEach((tag, i) => {
    const prefix = tag.slice(0, 2);
    const type = tag.slice(2);
    const continues = prefix === 'I-' && open?.type === type;
    if (continues && open) {
      open.end = i + 1;
      return;
    }
    if (open) spans.push(open);
    open = (prefix === 'B-' || prefix === 'I-') && isEntityType(type) ? { type, start: i, end: i + 1 } : undefined;
  });
  if (open) spans.push(open);
  return spans;
}

/** BIO tags of a sequence of `length` tokens from non-overlapping spans. */
export function tagsFromSpans(length: number, spans: readonly TokenSpan[]): string[] {
  const tags = new Array<string>(length).fill('O');
  for (const span of spans) {
    for (let i = span.start; i < span.end; i++) tags[i] = `${i === span.start ? 'B' : 'I'}-${span.type}`;
  }
  return tags;
}
