import { splitSentences, type Sentence } from '../text/index.js';
import type { SentimentLanguage } from './cues.js';
import { SentimentError } from './errors.js';
import { bundledModel, CLASS_COUNT, type SentimentModel } from './model.js';
import { readSentence, type ReadToken } from './reading.js';
import { sentenceProbabilities, targetProbabilities, toneFromProbabilities, type ToneEstimate } from './scoring.js';

/** A span of the analysed text whose tone is wanted, e.g. an entity mention ([start, end)). */
export interface ToneTarget {
  start: number;
  end: number;
}

/** The tone expressed towards a target, with the sentence that carries it as evidence. */
export interface TargetTone extends ToneEstimate {
  start: number;
  end: number;
  sentenceIndex: number;
}

export interface SentenceTone {
  index: number;
  start: number;
  end: number;
  tone: ToneEstimate;
}

export interface TextTone {
  document: ToneEstimate;
  sentences: SentenceTone[];
  targets: TargetTone[];
}

type Span = { start: number; end: number };

/** The tone of a text without words: neutral, and nothing to be confident about. */
const NO_WORDS: ToneEstimate = { score: 0, label: 'neutral', confidence: 0 };

const LANGUAGES: ReadonlySet<string> = new Set<SentimentLanguage>(['en', 'ru']);

/** Whether a language code has a sentiment model. */
export function isSentimentLanguage(language: string): language is SentimentLanguage {
  return LANGUAGES.has(language);
}

/** The sentence holding the target's start, or (for a start between sentences) the next one. */
function sentenceOf(sentences: readonly Sentence[], target: ToneTarget): Sentence {
  let low = 0;
  let high = sentences.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sentences[middle] as Sentence).end <= target.start) low = middle + 1;
    else high = middle;
  }
  const found = sentences[low];
  if (!found || found.end <= target.start || found.start >= target.end)
    throw new SentimentError(
      'sentiment.invalid-target',
      `target [${target.start}, ${target.end}) lies outside every sentence`,
    );
  return found;
}

function checkTarget(target: ToneTarget, length: number): void {
  const { start, end } = target;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > length)
    throw new SentimentError(
      'sentiment.invalid-target',
      `target [${start}, ${end}) is not a span of a ${length}-character text`,
    );
}

/**
 * Tone of a text: per sentence (with offsets), per target span, and for the whole document.
 * The document tone averages the sentences' class probabilities weighted by their length, so
 * it stays on [-1, 1] and does not saturate as a document grows.
 */
export function analyzeTone(
  text: string,
  language: string,
  targets: readonly ToneTarget[] = [],
  model?: SentimentModel,
): TextTone {
  if (!isSentimentLanguage(language))
    throw new SentimentError('sentiment.unsupported-language', `no sentiment model for language "${language}"`);
  const used = model ?? bundledModel(language);
  for (const target of targets) checkTarget(target, text.length);
  const sentences = splitSentences(text);
  const documentMass = new Array<number>(CLASS_COUNT).fill(0);
  let totalWeight = 0;
  const read = new Map<number, ReadToken[]>();
  const sentenceTones = sentences.map((s) => {
    const tokens = readSentence(s.text, language);
    read.set(s.index, tokens);
    const probabilities = sentenceProbabilities(used, tokens);
    const weight = tokens.length;
    probabilities.forEach((p, c) => (documentMass[c] = (documentMass[c] as number) + weight * p));
    totalWeight += weight;
    return { index: s.index, start: s.start, end: s.end, tone: toneFromProbabilities(probabilities) };
  });
  const document = totalWeight === 0 ? NO_WORDS : toneFromProbabilities(documentMass.map((m) => m / totalWeight));
  const placed = targets.map((target) => {
    const sentence = sentenceOf(sentences, target);
    const local = {
      start: Math.max(target.start, sentence.start) - sentence.start,
      end: Math.min(target.end, sentence.end) - sentence.start,
    };
    return { target, sentence, local };
  });
  const targetTones = placed.map(({ target, sentence, local }) => {
    const tokens = read.get(sentence.index) ?? readSentence(sentence.text, language);
    // The sentence's other targets are masked as such ("X attacked Y" reads differently for X and
    // Y); another mention with the same words is the same target, masked like it.
    const name = text.slice(target.start, target.end).toLowerCase();
    const otherMentions: Span[] = [];
    const otherTargets: Span[] = [];
    for (const other of placed) {
      if (other.sentence.index !== sentence.index) continue;
      if (other.local.start < local.end && other.local.end > local.start) continue;
      const same = text.slice(other.target.start, other.target.end).toLowerCase() === name;
      (same ? otherMentions : otherTargets).push(other.local);
    }
    const tone = toneFromProbabilities(targetProbabilities(used, tokens, { ...local, otherMentions, otherTargets }));
    return { start: target.start, end: target.end, sentenceIndex: sentence.index, ...tone };
  });
  return { document, sentences: sentenceTones, targets: targetTones };
}
