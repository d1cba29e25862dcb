import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Token } from '../text/index.js';
import type { TaggedDocument } from './corpus.js';
import type { EntityType, TokenSpan } from './tags.js';
import { tagsFromSpans } from './tags.js';
import { sentenceRanges } from './tokenize.js';

/** A gold entity of a factRuEval document, with character offsets into its text. */
export interface FactRuEntity {
  type: EntityType;
  start: number;
  end: number;
}

export interface FactRuDocument {
  id: string;
  text: string;
  tokens: Token[];
  entities: FactRuEntity[];
}

/**
 * Object types scored and the span kinds that name them. Descriptors (org_descr, loc_descr,
 * job), adjectives (geo_adj) and the other type's names are not part of the extent: the
 * Org «мэрия Москвы» is named only by a location, so it is no Org name and is not scored.
 * A place may be named by an org_name span (the LocOrg «РФ», «СССР», «КНР»; the Location
 * «МКС»): that is still its name, so it counts.
 */
const NAMED_BY: Record<string, { type: EntityType; kinds: ReadonlySet<string> }> = {
  Person: { type: 'PER', kinds: new Set(['name', 'surname', 'patronymic', 'nickname']) },
  Location: { type: 'LOC', kinds: new Set(['loc_name', 'org_name']) },
  LocOrg: { type: 'LOC', kinds: new Set(['loc_name', 'org_name']) },
  Org: { type: 'ORG', kinds: new Set(['org_name']) },
};

interface NameSpan {
  kind: string;
  start: number;
  end: number;
}

function lines(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .map((line) => (line.split('#')[0] ?? '').trim())
    .filter((line) => line.length > 0)
    .map((line) => line.split(/\s+/));
}

function number(value: string | undefined, file: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`ner.factru.invalid: ${file} has a non-numeric field "${value}"`);
  return n;
}

/**
 * Reads one factRuEval document from the contents of its .txt, .tokens (id start length text),
 * .spans (id kind start length first-token token-count) and .objects (id type span-ids) files.
 * An entity runs from the first to the last of its name spans; duplicates collapse.
 */
export function parseFactRuDocument(
  id: string,
  text: string,
  tokens: string,
  spans: string,
  objects: string,
): FactRuDocument {
  const tokenList = lines(tokens).map(([, start, length]) => {
    const s = number(start, `${id}.tokens`);
    const end = s + number(length, `${id}.tokens`);
    return { text: text.slice(s, end), start: s, end };
  });
  tokenList.sort((a, b) => a.start - b.start);
  const spanById = new Map<string, NameSpan>();
  for (const [spanId, kind, start, length] of lines(spans)) {
    const s = number(start, `${id}.spans`);
    spanById.set(spanId ?? '', { kind: kind ?? '', start: s, end: s + number(length, `${id}.spans`) });
  }
  const entities = new Map<string, FactRuEntity>();
  for (const [, objectType, ...spanIds] of lines(objects)) {
    const naming = NAMED_BY[objectType ?? ''];
    if (!naming) continue;
    const names = spanIds.map((s) => spanById.get(s)).filter((s): s is NameSpan => !!s && naming.kinds.has(s.kind));
    if (names.length === 0) continue;
    const entity = {
      type: naming.type,
      start: Math.min(...names.map((s) => s.start)),
      end: Math.max(...names.map((s) => s.end)),
    };
    entities.set(`${entity.type}:${entity.start}:${entity.end}`, entity);
  }
  return { id, text, tokens: tokenList, entities: [...entities.values()].sort((a, b) => a.start - b.start) };
}

/** Reads every document of a factRuEval folder (files named <id>.txt, .tokens, .spans, .objects). */
export function readFactRuDirectory(dir: string): FactRuDocument[] {
  const ids = readdirSync(dir)
    .filter((f) => f.endsWith('.tokens'))
    .map((f) => f.slice(0, -'.tokens'.length))
    .sort();
  if (ids.length === 0) throw new Error(`ner.factru.invalid: no .tokens files in ${dir}`);
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return ids.map((id) =>
    parseFactRuDocument(id, read(`${id}.txt`), read(`${id}.tokens`), read(`${id}.spans`), read(`${id}.objects`)),
  );
}

/**
 * Tagged sentences for training: gold entities mapped onto the document's tokens, longest
 * first where they nest (a tagger marks one layer), sentences cut as at run time.
 */
export function factRuTaggedDocument(doc: FactRuDocument): TaggedDocument {
  const taken = new Uint8Array(doc.tokens.length);
  const spans: TokenSpan[] = [];
  const candidates = doc.entities
    .map((e) => {
      const first = doc.tokens.findIndex((t) => t.start >= e.start);
      let end = first;
      while (end >= 0 && end < doc.tokens.length && (doc.tokens[end]?.end ?? Infinity) <= e.end) end++;
      return { type: e.type, start: first, end };
    })
    .filter((s) => s.start >= 0 && s.end > s.start)
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const span of candidates) {
    if (taken.subarray(span.start, span.end).some((x) => x)) continue;
    taken.fill(1, span.start, span.end);
    spans.push(span);
  }
  const tags = tagsFromSpans(doc.tokens.length, spans, 'BILOU');
  const ranges = sentenceRanges(doc.tokens, (a, b) => doc.text.slice(a.end, b.start));
  return {
    id: doc.id,
    sentences: ranges.map(([from, to]) => ({
      tokens: doc.tokens.slice(from, to).map((t) => t.text),
      tags: tags.slice(from, to),
    })),
  };
}
