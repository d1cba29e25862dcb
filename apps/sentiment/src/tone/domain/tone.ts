import type { Tone } from '@media-monitor/contracts';
import { CONTRASTS, NEGATIONS, POLARITY, RUSSIAN_STEMS } from './lexicon.js';

/** Below this absolute score a text is neutral. */
const NEUTRAL_BAND = 0.1;
/** Words a negation reaches forward within a clause. */
const NEGATION_SCOPE = 3;

const WORD = /[\p{L}']+/gu;
const CLAUSE_BREAK = /[,;:—–]/;

function polarityOf(word: string): number {
  const direct = POLARITY.get(word);
  if (direct !== undefined) return direct;
  if (!/\p{Script=Cyrillic}/u.test(word)) return 0;
  const stem = RUSSIAN_STEMS.find((s) => word.startsWith(s));
  return stem ? (POLARITY.get(stem) ?? 0) : 0;
}

/** Turns a score on [-1, 1] into a labelled tone; confidence grows with the evidence found. */
export function toTone(score: number, evidence: number): Tone {
  const clamped = Math.max(-1, Math.min(1, score));
  const label = clamped > NEUTRAL_BAND ? 'positive' : clamped < -NEUTRAL_BAND ? 'negative' : 'neutral';
  const confidence =
    evidence === 0 ? 0.5 : Math.min(0.95, 0.5 + 0.45 * Math.abs(clamped) + 0.05 * Math.min(evidence, 4));
  return { score: Number(clamped.toFixed(4)), label, confidence: Number(Math.min(1, confidence).toFixed(4)) };
}

/**
 * Tone of one sentence. Negation flips the next few words and is reset at every clause break
 * and contrast; words after "but" weigh double. The score is the mean over polar words, so
 * it stays on [-1, 1] and does not saturate with length.
 */
export function sentenceTone(sentence: string): { tone: Tone; evidence: number } {
  let negatedFor = 0;
  let weight = 1;
  let sum = 0;
  let weights = 0;
  let evidence = 0;
  const parts = sentence.toLowerCase().split(CLAUSE_BREAK);
  for (const clause of parts) {
    negatedFor = 0;
    for (const match of clause.matchAll(WORD)) {
      const word = match[0].replace(/^'+|'+$/g, '');
      if (CONTRASTS.has(word)) {
        negatedFor = 0;
        weight = 2;
        continue;
      }
      if (NEGATIONS.has(word) || word.endsWith("n't")) {
        negatedFor = NEGATION_SCOPE;
        continue;
      }
      const polarity = polarityOf(word);
      if (polarity !== 0) {
        sum += weight * (negatedFor > 0 ? -0.7 * polarity : polarity);
        weights += weight;
        evidence += 1;
      }
      if (negatedFor > 0) negatedFor -= 1;
    }
  }
  return { tone: toTone(weights === 0 ? 0 : sum / weights, evidence), evidence };
}

/** Tone of a document: the evidence-weighted mean of its sentences' tones. */
export function documentTone(sentences: ReadonlyArray<{ tone: Tone; evidence: number }>): Tone {
  const evidence = sentences.reduce((n, s) => n + s.evidence, 0);
  if (evidence === 0) return toTone(0, 0);
  const score = sentences.reduce((acc, s) => acc + s.tone.score * s.evidence, 0) / evidence;
  return toTone(score, evidence);
}
