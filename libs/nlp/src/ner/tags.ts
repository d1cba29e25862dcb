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

/**
 * How tags mark spans. BIO: B- begins, I- continues. BILOU adds L- (last) and U- (a one-token
 * entity): marking ends lets a linear model learn what closes a name, which helps on the small
 * Russian set, at the price of more tags (and time) per token.
 */
export type TagScheme = 'BIO' | 'BILOU';

/** The tag set of a scheme for the given types: O, then the scheme's prefixes per type. */
export function tagSet(types: readonly EntityType[], scheme: TagScheme): string[] {
  const prefixes = scheme === 'BIO' ? ['B', 'I'] : ['B', 'I', 'L', 'U'];
  return ['O', ...types.flatMap((t) => prefixes.map((p) => `${p}-${t}`))];
}

/** The scheme a tag set follows. */
export function schemeOf(tags: readonly string[]): TagScheme {
  return tags.some((t) => t.startsWith('L-') || t.startsWith('U-')) ? 'BILOU' : 'BIO';
}

/**
 * Spans from a BIO (IOB2) or BILOU tag sequence. B- and U- start an entity; I- and L- continue
 * one of their type and otherwise start one, as conlleval reads IOB; L- and U- close it.
 */
export function spansFromTags(tags: readonly string[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  let open: TokenSpan | undefined;
  tags.forEach((tag, i) => {
    const prefix = tag.slice(0, 2);
    const type = tag.slice(2);
    const continues = (prefix === 'I-' || prefix === 'L-') && open?.type === type;
    if (continues && open) open.end = i + 1;
    else {
      if (open) spans.push(open);
      open = prefix !== 'O' && isEntityType(type) ? { type, start: i, end: i + 1 } : undefined;
    }
    if (open && (prefix === 'L-' || prefix === 'U-')) {
      spans.push(open);
      open = undefined;
    }
  });
  if (open) spans.push(open);
  return spans;
}

/** Tags of a sequence of `length` tokens from non-overlapping spans. */
export function tagsFromSpans(length: number, spans: readonly TokenSpan[], scheme: TagScheme = 'BIO'): string[] {
  const tags = new Array<string>(length).fill('O');
  for (const { type, start, end } of spans) {
    for (let i = start; i < end; i++) {
      const prefix = i === start ? 'B' : 'I';
      if (scheme === 'BIO') tags[i] = `${prefix}-${type}`;
      else tags[i] = `${end - start === 1 ? 'U' : i === end - 1 && i > start ? 'L' : prefix}-${type}`;
    }
  }
  return tags;
}
