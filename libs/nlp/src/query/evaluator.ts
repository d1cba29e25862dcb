import type { TextField } from './ast.js';
import type { CompiledNode, CompiledText } from './compiler.js';
import type { AnalysedDocument, AnalysedField } from './document.js';
import { findOccurrences, type Occurrence } from './matcher.js';

/** Why an article matched: one place in its text that satisfied part of the query. */
export interface MatchHit {
  field: TextField;
  /** The word, phrase or filter as written in the query. */
  term: string;
  /** The document's text at [start, end). */
  matchedText: string;
  start: number;
  end: number;
  /** The alias that matched, when it was not the query's own spelling. */
  alias?: string;
  /** The canonical entity behind an `entity:` filter or an expanded alias. */
  entityId?: string;
}

/** Hits kept per query operand: enough evidence to show, bounded on long articles. */
export const MAX_HITS_PER_TERM = 20;

/**
 * Whether the node matches; on a match its hits are appended to `hits`. A node that does not
 * match leaves `hits` as it found it, so NOT and failed AND branches leave no evidence.
 */
export function evaluateNode(node: CompiledNode, document: AnalysedDocument, hits: MatchHit[]): boolean {
  switch (node.kind) {
    case 'text':
      return collect(hits, textHits(node, document));
    case 'near':
      return collect(hits, nearHits(node.left, node.right, node.distance, document));
    case 'entity': {
      const mentions = document.entities.get(node.entityId);
      const found = [...mentionHits(node, mentions, document), ...textHits(node, document)];
      return collect(hits, found.slice(0, MAX_HITS_PER_TERM)) || (mentions !== undefined && node.fields.length === 2);
    }
    case 'lang':
      return document.lang === node.value;
    case 'source':
      return (
        document.sourceId !== undefined &&
        (node.prefix ? document.sourceId.startsWith(node.value) : document.sourceId === node.value)
      );
    case 'not':
      return !evaluateNode(node.child, document, []);
    case 'and': {
      const mark = hits.length;
      const matched = node.children.every((child) => evaluateNode(child, document, hits));
      if (!matched) hits.length = mark;
      return matched;
    }
    case 'or':
      return node.children.reduce((matched, child) => evaluateNode(child, document, hits) || matched, false);
  }
}

function collect(hits: MatchHit[], found: MatchHit[]): boolean {
  hits.push(...found);
  return found.length > 0;
}

type Searchable = Pick<CompiledText, 'term' | 'sequences' | 'fields'> & { entityId?: string };

function textHits(node: Searchable, document: AnalysedDocument): MatchHit[] {
  const found: MatchHit[] = [];
  for (const field of node.fields) {
    const analysed = document[field];
    for (const occurrence of findOccurrences(analysed, node.sequences)) {
      if (found.length >= MAX_HITS_PER_TERM) return found;
      found.push(hitOf(analysed, occurrence, node));
    }
  }
  return found;
}

function mentionHits(
  node: Extract<CompiledNode, { kind: 'entity' }>,
  mentions: readonly { field: TextField; start: number; end: number }[] | undefined,
  document: AnalysedDocument,
): MatchHit[] {
  return (mentions ?? [])
    .filter((mention) => node.fields.includes(mention.field))
    .map((mention) => ({
      field: mention.field,
      term: node.term,
      matchedText: document[mention.field].text.slice(mention.start, mention.end),
      start: mention.start,
      end: mention.end,
      entityId: node.entityId,
    }));
}

/** Pairs of occurrences in one field, not overlapping, at most `distance` words apart in either order. */
function nearHits(left: CompiledText, right: CompiledText, distance: number, document: AnalysedDocument): MatchHit[] {
  const found: MatchHit[] = [];
  for (const field of left.fields) {
    const analysed = document[field];
    const lefts = findOccurrences(analysed, left.sequences);
    const rights = lefts.length === 0 ? [] : findOccurrences(analysed, right.sequences);
    const longest = rights.reduce((max, r) => Math.max(max, r.last - r.first), 0);
    const pairedLefts = new Set<Occurrence>();
    const pairedRights = new Set<Occurrence>();
    for (const l of lefts) {
      for (let i = firstAtOrAfter(rights, l.first - distance - longest); i < rights.length; i++) {
        const r = rights[i] as Occurrence;
        if (r.first > l.last + distance) break;
        const gap = r.first > l.last ? r.first - l.last : l.first > r.last ? l.first - r.last : Infinity;
        if (gap > distance) continue;
        if (pairedLefts.size < MAX_HITS_PER_TERM) pairedLefts.add(l);
        if (pairedRights.size < MAX_HITS_PER_TERM) pairedRights.add(r);
      }
    }
    found.push(
      ...[...pairedLefts].map((o) => hitOf(analysed, o, left)),
      ...[...pairedRights].map((o) => hitOf(analysed, o, right)),
    );
  }
  return found;
}

function firstAtOrAfter(occurrences: Occurrence[], position: number): number {
  let low = 0;
  let high = occurrences.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((occurrences[middle] as Occurrence).first < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

function hitOf(field: AnalysedField, occurrence: Occurrence, node: Searchable): MatchHit {
  const start = field.words[occurrence.first]?.start ?? 0;
  const end = field.words[occurrence.last]?.end ?? start;
  const hit: MatchHit = { field: field.field, term: node.term, matchedText: field.text.slice(start, end), start, end };
  if (occurrence.sequence.alias !== undefined) hit.alias = occurrence.sequence.alias;
  if (node.entityId !== undefined) hit.entityId = node.entityId;
  return hit;
}
