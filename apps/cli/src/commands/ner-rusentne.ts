import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tagsFromSpans, tokenizeForNer, type TaggedDocument, type TokenSpan } from '@media-monitor/nlp';
import { sharedDataDir } from './ner-data.js';

/** RuSentNE entity tags that name what factRuEval scores, and the type they get. */
const NAMED: Record<string, 'PER' | 'ORG' | 'LOC'> = { PERSON: 'PER', ORGANIZATION: 'ORG', COUNTRY: 'LOC' };
/** Russian relational adjectives (российский, Всероссийского): a country's adjective is no location name. */
const ADJECTIVE = /(?:ск|цк)(?:ий|ая|ое|ие|ого|ой|ому|ую|их|ими|им|ом|ая)$/u;

interface Row {
  entity: string;
  tag: string;
  start: number;
}

/** Where an entity stands in its sentence: the given offset when it matches, else the nearest occurrence. */
function locate(sentence: string, row: Row): number {
  if (sentence.startsWith(row.entity, row.start)) return row.start;
  let best = -1;
  for (let at = sentence.indexOf(row.entity); at >= 0; at = sentence.indexOf(row.entity, at + 1))
    if (best < 0 || Math.abs(at - row.start) < Math.abs(best - row.start)) best = at;
  return best;
}

/** Quotes and hyphens may stand inside a name; other punctuation never does. */
const NAME_PUNCTUATION = /^[«»"„“”'‘’-]$/u;

/**
 * Lower-case words that stand inside names of fully annotated documents (области, обороны, по):
 * in a partially annotated sentence any other lower-case word is known to be outside names.
 */
export function wordsInsideNames(documents: readonly TaggedDocument[]): Set<string> {
  const words = new Set<string>();
  for (const doc of documents)
    for (const s of doc.sentences)
      s.tags.forEach((tag, i) => {
        const token = s.tokens[i] ?? '';
        if (tag !== 'O' && !/^\p{Lu}/u.test(token)) words.add(token.toLowerCase());
      });
  return words;
}

/**
 * The RuSentNE training sentences as partially annotated NER examples (one document each):
 * capitalised PERSON, ORGANIZATION and COUNTRY mentions are names of their type with known
 * tags; lower-case words (but those that stand inside names elsewhere, `nameWords`) and
 * punctuation are known not to be names; every other token is left open, since RuSentNE
 * marks only some entities of a sentence (no cities, for one). Leaving the lower-case words
 * open too lets the model's own guesses grow into long spans that nothing corrects.
 */
export function rusentneDocuments(nameWords: ReadonlySet<string>): TaggedDocument[] {
  const file = join(sharedDataDir(), 'sentiment-ru', 'rusentne_train.tsv');
  if (!existsSync(file)) throw new Error(`the Russian training needs ${file}`);
  const bySentence = new Map<string, Row[]>();
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    const [sentence, entity, tag, start] = line.split('\t');
    if (!sentence || !entity || !tag) continue;
    const rows = bySentence.get(sentence) ?? [];
    rows.push({ entity, tag, start: Number(start) });
    bySentence.set(sentence, rows);
  }
  const documents: TaggedDocument[] = [];
  for (const [sentence, rows] of bySentence) {
    const tokens = tokenizeForNer(sentence);
    const known = new Array<boolean>(tokens.length).fill(false);
    const spans: TokenSpan[] = [];
    const located = rows
      .map((row) => ({ ...row, at: locate(sentence, row) }))
      .filter((row) => row.at >= 0)
      .sort((a, b) => b.entity.length - a.entity.length);
    for (const row of located) {
      const end = row.at + row.entity.length;
      const first = tokens.findIndex((t) => t.end > row.at);
      let last = first;
      while (last >= 0 && last < tokens.length && (tokens[last]?.start ?? Infinity) < end) last++;
      if (first < 0 || last <= first || known.slice(first, last).some((k) => k)) continue;
      const type = NAMED[row.tag];
      const words = tokens.slice(first, last).map((t) => t.text);
      const name = /^\p{Lu}/u.test(row.entity.replace(/^[«"„“']+/u, ''));
      if (type && name && !(type === 'LOC' && ADJECTIVE.test(words.at(-1) ?? ''))) {
        spans.push({ type, start: first, end: last });
        known.fill(true, first, last);
      } else {
        words.forEach((word, i) => {
          if (/^\p{Ll}/u.test(word)) known[first + i] = true;
        });
      }
    }
    tokens.forEach((token, i) => {
      if (known[i]) return;
      const word = token.text;
      if (
        /^\p{Ll}/u.test(word)
          ? !nameWords.has(word.toLowerCase())
          : !/[\p{L}\p{N}]/u.test(word) && !NAME_PUNCTUATION.test(word)
      )
        known[i] = true;
    });
    if (!known.some((k) => k)) continue;
    documents.push({
      id: `rusentne-${documents.length + 1}`,
      sentences: [{ tokens: tokens.map((t) => t.text), tags: tagsFromSpans(tokens.length, spans, 'BIO'), known }],
    });
  }
  return documents;
}
