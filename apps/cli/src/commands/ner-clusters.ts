import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_SHIFT, tokenizeForNer, type GazetteerEntry, type TaggedDocument } from '@media-monitor/nlp';
import { sharedDataDir } from './ner-data.js';

/** Words seen fewer times than this get no cluster (their contexts say too little). */
const MIN_COUNT = 3;
/** The most frequent words, as left and right neighbours, are the dimensions of a word's context vector. */
const CONTEXT_WORDS = 600;
const COARSE = 16;
const FINE = 16;
const ITERATIONS = 12;

/** Lower-cased token sequences of the unlabelled Russian text: the RuSentNE training sentences (each once). */
export function rusentneSentences(): string[][] {
  const file = join(sharedDataDir(), 'sentiment-ru', 'rusentne_train.tsv');
  if (!existsSync(file)) throw new Error(`the Russian word clusters need ${file}`);
  const seen = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    const sentence = line.split('\t')[0];
    if (sentence) seen.add(sentence);
  }
  return [...seen].map((s) => tokenizeForNer(s).map((t) => t.text.toLowerCase()));
}

type Vector = { index: Int32Array; value: Float64Array };

/** Spherical k-means over sparse unit vectors; centroids start at evenly spaced members (deterministic). */
function kmeans(members: readonly number[], vectors: readonly Vector[], k: number, dims: number): Int32Array {
  const assignment = new Int32Array(members.length);
  if (members.length <= k) {
    members.forEach((_, i) => (assignment[i] = i));
    return assignment;
  }
  const centroids = new Float64Array(k * dims);
  for (let c = 0; c < k; c++) {
    const v = vectors[members[Math.floor((c * members.length) / k)]!]!;
    for (let j = 0; j < v.index.length; j++) centroids[c * dims + v.index[j]!] = v.value[j]!;
  }
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    members.forEach((m, i) => {
      const v = vectors[m]!;
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c++) {
        let score = 0;
        const base = c * dims;
        for (let j = 0; j < v.index.length; j++) score += centroids[base + v.index[j]!]! * v.value[j]!;
        if (score > bestScore) {
          bestScore = score;
          best = c;
        }
      }
      assignment[i] = best;
    });
    centroids.fill(0);
    members.forEach((m, i) => {
      const v = vectors[m]!;
      const base = assignment[i]! * dims;
      for (let j = 0; j < v.index.length; j++) centroids[base + v.index[j]!]! += v.value[j]!;
    });
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += centroids[c * dims + d]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dims; d++) centroids[c * dims + d]! /= norm;
    }
  }
  return assignment;
}

/**
 * Distributional word clusters of the given text, as gazetteer entries: each word seen at least
 * MIN_COUNT times is described by its left and right neighbours among the CONTEXT_WORDS most
 * frequent words (log counts, unit length) and clustered by spherical k-means into COARSE
 * clusters, each split again into FINE (a two-level hierarchy, as Brown cluster prefixes give);
 * the entry's flags carry 1 + coarse × FINE + fine above CLUSTER_SHIFT.
 */
export function wordClusters(sentences: readonly (readonly string[])[]): GazetteerEntry[] {
  const counts = new Map<string, number>();
  for (const s of sentences) for (const w of s) counts.set(w, (counts.get(w) ?? 0) + 1);
  const byFrequency = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const contextIndex = new Map(byFrequency.slice(0, CONTEXT_WORDS).map(([w], i) => [w, i]));
  const boundary = CONTEXT_WORDS;
  const dims = 2 * (CONTEXT_WORDS + 1);
  const words = byFrequency.filter(([w, n]) => n >= MIN_COUNT && /\p{L}/u.test(w)).map(([w]) => w);
  const wordIndex = new Map(words.map((w, i) => [w, i]));
  const tallies = words.map(() => new Map<number, number>());
  for (const s of sentences)
    s.forEach((w, i) => {
      const at = wordIndex.get(w);
      if (at === undefined) return;
      const left = i > 0 ? contextIndex.get(s[i - 1]!) : boundary;
      const right = i + 1 < s.length ? contextIndex.get(s[i + 1]!) : boundary;
      const tally = tallies[at]!;
      if (left !== undefined) tally.set(left, (tally.get(left) ?? 0) + 1);
      if (right !== undefined) tally.set(CONTEXT_WORDS + 1 + right, (tally.get(CONTEXT_WORDS + 1 + right) ?? 0) + 1);
    });
  const vectors: Vector[] = tallies.map((tally) => {
    const entries = [...tally].sort((a, b) => a[0] - b[0]);
    const value = Float64Array.from(entries, ([, n]) => Math.log1p(n));
    const norm = Math.sqrt(value.reduce((sum, v) => sum + v * v, 0)) || 1;
    for (let j = 0; j < value.length; j++) value[j]! /= norm;
    return { index: Int32Array.from(entries, ([d]) => d), value };
  });
  const all = words.map((_, i) => i);
  const coarse = kmeans(all, vectors, COARSE, dims);
  const entries: GazetteerEntry[] = [];
  for (let c = 0; c < COARSE; c++) {
    const members = all.filter((i) => coarse[i] === c);
    if (members.length === 0) continue;
    const fine = kmeans(members, vectors, FINE, dims);
    members.forEach((m, i) =>
      entries.push({ name: words[m]!, kind: 'morph', flags: (1 + c * FINE + fine[i]!) << CLUSTER_SHIFT }),
    );
  }
  return entries;
}

/** The clusters of a Russian model: its training documents' text and the RuSentNE sentences. */
export function russianClusters(train: readonly TaggedDocument[]): GazetteerEntry[] {
  const text = [
    ...train.flatMap((d) => d.sentences.map((s) => s.tokens.map((t) => t.toLowerCase()))),
    ...rusentneSentences(),
  ];
  return wordClusters(text);
}
