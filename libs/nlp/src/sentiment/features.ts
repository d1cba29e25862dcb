import { cuesFor, type SentimentLanguage } from './cues.js';
import type { ReadToken } from './reading.js';

/**
 * Word polarities on [-1, 1], keyed by normalised word, and for Russian also by
 * `STEM_KEY` + Snowball stem (entries of the external lexicon, consulted second).
 */
export type Lexicon = ReadonlyMap<string, number>;

/** A word's polarity: its normalised form's entry, else its stem's. */
export function polarityOf(token: ReadToken, lexicon: Lexicon): number | undefined {
  const polarity = lexicon.get(token.norm);
  if (polarity !== undefined || token.stemKey === undefined) return polarity;
  return lexicon.get(token.stemKey);
}

/** Receives one feature with its value. */
export type FeatureSink = (name: string, value: number) => void;

/** A target mention inside a sentence, offsets into the sentence ([start, end)). */
export interface SentenceTarget {
  start: number;
  end: number;
  /** Other mentions of the same target in the sentence (pronouns, repeats): masked too. */
  otherMentions?: ReadonlyArray<{ start: number; end: number }>;
  /** Mentions of other targets in the sentence: masked as such, so "X attacked Y" reads both ways. */
  otherTargets?: ReadonlyArray<{ start: number; end: number }>;
  /** Entity type where the data gives one (PERSON, ORGANIZATION, …). */
  type?: string;
}

/** Stand-in for the target's words, so the model learns context rather than names. */
const MASK = '<t>';
/** Stand-in for the words of the sentence's other targets. */
const OTHER = '<o>';

/** Weight of a polar word right after an intensifier. */
const INTENSIFIED = 1.5;
/** Distances (in words) that close the near, middle and far windows around a target. */
const WINDOWS = [2, 5, 10] as const;

function windowOf(distance: number): number {
  const bucket = WINDOWS.findIndex((limit) => distance <= limit);
  return bucket === -1 ? WINDOWS.length : bucket;
}

/**
 * The signed polarity a word contributes where it stands: negation flips it, an intensifier
 * boosts it, and a contrast shifts weight from before "but" to after it.
 */
export function contribution(token: ReadToken, lexicon: Lexicon): number {
  const polarity = polarityOf(token, lexicon);
  if (polarity === undefined) return 0;
  return polarity * (token.negated ? -1 : 1) * (token.intensified ? INTENSIFIED : 1) * token.weight;
}

function feature(token: ReadToken): string {
  return token.negated ? `!${token.norm}` : token.norm;
}

/** Accumulates positive and negative lexicon evidence per region; emits log-damped sums. */
class PolarityTally {
  private readonly sums = new Map<string, [number, number]>();

  add(region: string, value: number): void {
    if (value === 0) return;
    let sum = this.sums.get(region);
    if (!sum) this.sums.set(region, (sum = [0, 0]));
    if (value > 0) sum[0] += value;
    else sum[1] -= value;
  }

  emit(sink: FeatureSink): void {
    for (const [region, [pos, neg]] of this.sums) {
      if (pos > 0) sink(`x:${region}+`, Math.log1p(pos));
      if (neg > 0) sink(`x:${region}-`, Math.log1p(neg));
    }
  }
}

/**
 * Features of a sentence's own tone: its words (negated ones marked), the words after a
 * contrast marker once more, and damped lexicon sums. Emitted through a sink so the runtime
 * can score without building a map.
 */
export function sentenceFeatures(tokens: readonly ReadToken[], lexicon: Lexicon, sink: FeatureSink): void {
  const tally = new PolarityTally();
  for (const token of tokens) {
    const name = feature(token);
    sink(`w:${name}`, token.weight);
    if (token.afterContrast) sink(`k:${name}`, 1);
    const polarity = contribution(token, lexicon);
    tally.add('s', polarity);
    if (token.afterContrast) tally.add('k', polarity);
    if (token.quoted) tally.add('q', polarity);
  }
  tally.emit(sink);
}

function targetTokenRange(tokens: readonly ReadToken[], target: SentenceTarget): [number, number] {
  let first = -1;
  let last = -1;
  tokens.forEach((t, i) => {
    if (t.end > target.start && t.start < target.end) {
      if (first === -1) first = i;
      last = i;
    }
  });
  if (first !== -1) return [first, last];
  // A span between words (punctuation): anchor on the next word.
  const next = tokens.findIndex((t) => t.start >= target.end);
  const anchor = next === -1 ? tokens.length - 1 : next;
  return [anchor, anchor - 1];
}

type Span = { start: number; end: number };
const overlaps = (token: ReadToken, spans: readonly Span[]) =>
  spans.some((s) => token.end > s.start && token.start < s.end);

/** The mask a token gets: the target's own, another target's, or none. */
function maskOf(token: ReadToken, target: SentenceTarget): string | undefined {
  if (overlaps(token, [target, ...(target.otherMentions ?? [])])) return MASK;
  if (target.otherTargets && overlaps(token, target.otherTargets)) return OTHER;
  return undefined;
}

/**
 * Features of the tone expressed towards one target: the words of its clause and of
 * left/right windows by distance, bigrams with the target masked, where it stands
 * (quoted, speaker of a reported statement, before or after a contrast) and lexicon
 * evidence near it.
 */
export function targetFeatures(
  tokens: readonly ReadToken[],
  target: SentenceTarget,
  language: SentimentLanguage,
  lexicon: Lexicon,
  sink: FeatureSink,
): void {
  const cues = cuesFor(language);
  const [first, last] = targetTokenRange(tokens, target);
  const anchor = tokens[Math.min(Math.max(first, 0), tokens.length - 1)];
  if (!anchor) return;
  const tally = new PolarityTally();
  // Bigrams see the other targets masked ("<o> accused <t>"); the other features keep their words.
  const masked = tokens.map((t) => maskOf(t, target) ?? feature(t));
  let speaker = false;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as ReadToken;
    const name = masked[i] === OTHER ? feature(token) : (masked[i] as string);
    if (i < masked.length - 1) sink(`b:${name}_${masked[i + 1]}`, 1);
    if (name === MASK) {
      if (i >= first && i <= last && !token.cue) sink(`t:${token.norm}`, 1);
      continue;
    }
    const left = i < first;
    const distance = left ? first - i : i - last;
    const bucket = windowOf(distance);
    const polarity = contribution(token, lexicon);
    sink(`w:${name}`, token.weight);
    tally.add('s', polarity);
    if (bucket < WINDOWS.length) {
      sink(`${left ? 'l' : 'r'}${bucket}:${name}`, 1);
      tally.add(`${left ? 'l' : 'r'}${bucket}`, polarity);
    }
    if (token.clause === anchor.clause) {
      sink(`c:${name}`, 1);
      tally.add('c', polarity);
      if (cues.negators.has(token.norm)) sink('t:negated-clause', 1);
    } else tally.add('o', polarity);
    if (token.afterContrast) {
      sink(`k:${name}`, 1);
      tally.add('k', polarity);
    }
    if (token.quoted) tally.add(anchor.quoted ? 'qq' : 'q', polarity);
    if (cues.speechVerbs.has(token.norm) && !left && distance <= 4) speaker = true;
  }
  tally.emit(sink);
  if (speaker) sink('t:speaker', 1);
  if (anchor.quoted) sink('t:quoted', 1);
  if (anchor.afterContrast) sink('t:after-contrast', 1);
  else if (tokens.some((t) => t.afterContrast)) sink('t:before-contrast', 1);
  if (first === 0) sink('t:first', 1);
  if (first === last && cues.pronouns.has(anchor.norm)) sink('t:pronoun', 1);
  if (target.type) sink(`t:type=${target.type}`, 1);
}
