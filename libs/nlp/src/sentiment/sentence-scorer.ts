import type { LinearHead, SentimentModel } from './model.js';
import { CLASS_COUNT } from './model.js';
import { contribution } from './features.js';
import type { ReadToken } from './reading.js';

/** The sentence head's weights for one word, gathered once so scoring needs one lookup per word. */
interface WordWeights {
  plain?: Float32Array;
  negated?: Float32Array;
  plainAfterContrast?: Float32Array;
  negatedAfterContrast?: Float32Array;
}

interface CompiledSentenceHead {
  words: ReadonlyMap<string, WordWeights>;
  /** Weights of the damped lexicon sums: [region][positive, negative]. */
  tallies: Readonly<Record<'s' | 'k' | 'q', [Float32Array | undefined, Float32Array | undefined]>>;
}

function compile(head: LinearHead): CompiledSentenceHead {
  const words = new Map<string, WordWeights>();
  const entry = (norm: string) => {
    let e = words.get(norm);
    if (!e) words.set(norm, (e = {}));
    return e;
  };
  for (const [name, w] of head.weights) {
    const kind = name.slice(0, 2);
    if (kind !== 'w:' && kind !== 'k:') continue;
    const negated = name[2] === '!';
    const e = entry(name.slice(negated ? 3 : 2));
    if (kind === 'w:') e[negated ? 'negated' : 'plain'] = w;
    else e[negated ? 'negatedAfterContrast' : 'plainAfterContrast'] = w;
  }
  const tally = (region: string): [Float32Array | undefined, Float32Array | undefined] => [
    head.weights.get(`x:${region}+`),
    head.weights.get(`x:${region}-`),
  ];
  return { words, tallies: { s: tally('s'), k: tally('k'), q: tally('q') } };
}

/** Compiled heads per model; models are immutable, so the compiled form never goes stale. */
const compiled = new WeakMap<SentimentModel, CompiledSentenceHead>();

function add(logits: number[], w: Float32Array | undefined, value: number): void {
  if (!w) return;
  for (let c = 0; c < CLASS_COUNT; c += 1) logits[c] = (logits[c] as number) + value * (w[c] as number);
}

/**
 * The sentence head's class scores, computed like `headLogits(model.sentence, sentenceFeatures)`
 * but with one table lookup per word and no feature strings: the hot path of document tone.
 */
export function sentenceLogits(model: SentimentModel, tokens: readonly ReadToken[]): number[] {
  let head = compiled.get(model);
  if (!head) compiled.set(model, (head = compile(model.sentence)));
  const logits = [...model.sentence.bias];
  const sums: Record<'s' | 'k' | 'q', [number, number]> = { s: [0, 0], k: [0, 0], q: [0, 0] };
  for (const token of tokens) {
    const w = head.words.get(token.norm);
    if (w) {
      add(logits, token.negated ? w.negated : w.plain, token.weight);
      if (token.afterContrast) add(logits, token.negated ? w.negatedAfterContrast : w.plainAfterContrast, 1);
    }
    const polarity = contribution(token, model.lexicon);
    if (polarity === 0) continue;
    const side = polarity > 0 ? 0 : 1;
    const size = Math.abs(polarity);
    sums.s[side] += size;
    if (token.afterContrast) sums.k[side] += size;
    if (token.quoted) sums.q[side] += size;
  }
  for (const region of ['s', 'k', 'q'] as const) {
    for (const side of [0, 1] as const) {
      const sum = sums[region][side];
      if (sum > 0) add(logits, head.tallies[region][side], Math.log1p(sum));
    }
  }
  return logits;
}
