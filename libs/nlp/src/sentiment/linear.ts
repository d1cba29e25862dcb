import { mulberry32 } from '@media-monitor/random';
import { CLASS_COUNT, type LinearHead } from './model.js';

/** One training example: its features with values and its class index. */
export interface LabeledFeatures {
  features: ReadonlyArray<readonly [string, number]>;
  label: number;
}

export interface LinearTrainingOptions {
  epochs: number;
  /** AdaGrad step size. */
  learningRate: number;
  /** L2 penalty per update, applied to the weights an example touches. */
  l2: number;
  /** Features seen in fewer examples than this are dropped. */
  minCount: number;
  /** Weigh classes inversely to their frequency (helps macro F1 on skewed data). */
  balanced: boolean;
  /**
   * The weights returned are the mean of the weights at the end of each epoch from this one on
   * (Polyak averaging): steadier than the last epoch's, less dependent on the shuffle.
   */
  averageFrom: number;
  seed: number;
  onEpoch?: (epoch: number, meanLoss: number) => void;
}

/** Fisher–Yates shuffle of indices with a seeded generator. */
export function shuffledIndices(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

interface Encoded {
  index: Int32Array;
  value: Float32Array;
  label: number;
}

function encode(examples: readonly LabeledFeatures[], minCount: number): { names: string[]; encoded: Encoded[] } {
  const counts = new Map<string, number>();
  for (const ex of examples) for (const [name] of ex.features) counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = [...counts].filter(([, n]) => n >= minCount).map(([name]) => name);
  const ids = new Map(names.map((name, i) => [name, i]));
  const encoded = examples.map((ex) => {
    const kept = ex.features.filter(([name]) => ids.has(name));
    return {
      index: Int32Array.from(kept, ([name]) => ids.get(name) as number),
      value: Float32Array.from(kept, ([, v]) => v),
      label: ex.label,
    };
  });
  return { names, encoded };
}

function classWeights(examples: readonly LabeledFeatures[], balanced: boolean): number[] {
  const counts = new Array<number>(CLASS_COUNT).fill(0);
  for (const ex of examples) counts[ex.label] = (counts[ex.label] as number) + 1;
  return counts.map((n) => (balanced && n > 0 ? examples.length / (CLASS_COUNT * n) : 1));
}

/** Trains a multinomial logistic regression with AdaGrad and averaged weights; deterministic for a given seed. */
export function trainLinearHead(examples: readonly LabeledFeatures[], options: LinearTrainingOptions): LinearHead {
  const { names, encoded } = encode(examples, options.minCount);
  const weights = new Float64Array((names.length + 1) * CLASS_COUNT);
  const squares = new Float64Array(weights.length).fill(1e-8);
  const biasAt = names.length * CLASS_COUNT;
  const perClass = classWeights(examples, options.balanced);
  const random = mulberry32(options.seed);
  const grad = new Float64Array(CLASS_COUNT);
  const step = (at: number, g: number) => {
    squares[at] = (squares[at] as number) + g * g;
    weights[at] = (weights[at] as number) - (options.learningRate * g) / Math.sqrt(squares[at] as number);
  };
  const sum = new Float64Array(weights.length);
  let summed = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch += 1) {
    let loss = 0;
    for (const i of shuffledIndices(encoded.length, random)) {
      const ex = encoded[i] as Encoded;
      const logits = Array.from({ length: CLASS_COUNT }, (_, c) => weights[biasAt + c] as number);
      for (let k = 0; k < ex.index.length; k += 1) {
        const base = (ex.index[k] as number) * CLASS_COUNT;
        for (let c = 0; c < CLASS_COUNT; c += 1)
          logits[c] = (logits[c] as number) + (ex.value[k] as number) * (weights[base + c] as number);
      }
      const max = Math.max(...logits);
      const exps = logits.map((l) => Math.exp(l - max));
      const total = exps.reduce((a, b) => a + b, 0);
      const weight = perClass[ex.label] as number;
      for (let c = 0; c < CLASS_COUNT; c += 1)
        grad[c] = weight * ((exps[c] as number) / total - (c === ex.label ? 1 : 0));
      loss -= weight * Math.log(Math.max(1e-12, (exps[ex.label] as number) / total));
      for (let k = 0; k < ex.index.length; k += 1) {
        const base = (ex.index[k] as number) * CLASS_COUNT;
        for (let c = 0; c < CLASS_COUNT; c += 1)
          step(base + c, (grad[c] as number) * (ex.value[k] as number) + options.l2 * (weights[base + c] as number));
      }
      for (let c = 0; c < CLASS_COUNT; c += 1) step(biasAt + c, grad[c] as number);
    }
    options.onEpoch?.(epoch, loss / Math.max(1, encoded.length));
    if (epoch >= options.averageFrom) {
      for (let i = 0; i < weights.length; i += 1) sum[i] = (sum[i] as number) + (weights[i] as number);
      summed += 1;
    }
  }
  if (summed > 0) for (let i = 0; i < weights.length; i += 1) weights[i] = (sum[i] as number) / summed;
  const head = new Map<string, Float32Array>();
  names.forEach((name, f) =>
    head.set(name, Float32Array.from(weights.subarray(f * CLASS_COUNT, (f + 1) * CLASS_COUNT))),
  );
  return { bias: Array.from(weights.subarray(biasAt, biasAt + CLASS_COUNT)), weights: head };
}
