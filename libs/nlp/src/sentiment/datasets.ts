import type { SentenceTarget } from './features.js';
import type { ToneClass } from './model.js';

/** One labelled target in one sentence, the unit both data sets are scored on. */
export interface TargetExample {
  sentence: string;
  target: SentenceTarget;
  label: ToneClass;
}

/** The data sets' label formats. */
export type SentimentDataFormat = 'newsmtsc' | 'rusentne';

const NEWSMTSC_POLARITY: Readonly<Record<number, ToneClass>> = { 2: 'negative', 4: 'neutral', 6: 'positive' };
const RUSENTNE_LABEL: Readonly<Record<string, ToneClass>> = { '-1': 'negative', '0': 'neutral', '1': 'positive' };

interface NewsMtscLine {
  sentence_normalized: string;
  targets: Array<{
    from: number;
    to: number;
    polarity: number;
    further_mentions?: Array<{ from: number; to: number }>;
  }>;
}

/** NewsMTSC JSON lines: one sentence per line, each with its targets (polarity 2/4/6). */
export function parseNewsMtsc(text: string): TargetExample[] {
  const examples: TargetExample[] = [];
  text.split('\n').forEach((line, n) => {
    if (!line.trim()) return;
    const record = JSON.parse(line) as NewsMtscLine;
    if (typeof record.sentence_normalized !== 'string' || !Array.isArray(record.targets))
      throw new Error(`newsmtsc line ${n + 1}: expected sentence_normalized and targets`);
    const spans = record.targets.map((t) => [
      { start: t.from, end: t.to },
      ...(t.further_mentions ?? []).map((m) => ({ start: m.from, end: m.to })),
    ]);
    record.targets.forEach((t, k) => {
      const label = NEWSMTSC_POLARITY[t.polarity];
      if (!label) throw new Error(`newsmtsc line ${n + 1}: unknown polarity ${t.polarity}`);
      examples.push({
        sentence: record.sentence_normalized,
        target: {
          start: t.from,
          end: t.to,
          otherMentions: (t.further_mentions ?? []).map((m) => ({ start: m.from, end: m.to })),
          otherTargets: spans.filter((_, j) => j !== k).flat(),
        },
        label,
      });
    });
  });
  return examples;
}

/** RuSentNE-2023 rows, tab separated with a header: sentence, entity, tag, start, end, label (-1/0/1). */
export function parseRuSentNe(text: string): TargetExample[] {
  const lines = text.split('\n').filter((l) => l.trim());
  const header = lines.shift()?.split('\t') ?? [];
  if (header[0] !== 'sentence' || header.length < 6)
    throw new Error('rusentne: expected a header starting with "sentence"');
  const examples = lines.map((line, n) => {
    const [sentence, , type, start, end, raw] = line.split('\t');
    const label = RUSENTNE_LABEL[raw?.trim() ?? ''];
    if (sentence === undefined || !label || !type)
      throw new Error(`rusentne line ${n + 2}: expected 6 columns and a label -1/0/1`);
    return { sentence, target: { start: Number(start), end: Number(end), type }, label };
  });
  // The other entities of a sentence are the rows with the same sentence and another span.
  const bySentence = new Map<string, TargetExample[]>();
  for (const ex of examples) bySentence.set(ex.sentence, [...(bySentence.get(ex.sentence) ?? []), ex]);
  return examples.map((ex) => {
    const others = (bySentence.get(ex.sentence) ?? [])
      .map((o) => ({ start: o.target.start, end: o.target.end }))
      .filter((o) => o.end <= ex.target.start || o.start >= ex.target.end);
    return { ...ex, target: { ...ex.target, otherTargets: others } };
  });
}

/** Parses a data file of the given format. */
export function parseSentimentData(text: string, format: SentimentDataFormat): TargetExample[] {
  return format === 'newsmtsc' ? parseNewsMtsc(text) : parseRuSentNe(text);
}

/** A stable 32-bit hash (FNV-1a) of a string, for deterministic splits. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * The fold (0 … folds − 1) of a sentence: all targets of a sentence share it, deterministically.
 * Different salts give independent partitions (cross-validation folds vs lexicon cross-fitting).
 */
export function sentenceFold(sentence: string, folds: number, salt = ''): number {
  return fnv1a(salt + sentence) % folds;
}
