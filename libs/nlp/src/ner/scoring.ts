/** A typed span; offsets are token or character positions, [start, end). */
export interface ScoredSpan {
  type: string;
  start: number;
  end: number;
}

export interface PrfFigures {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function figures({ tp, fp, fn }: Counts): PrfFigures {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, truePositives: tp, falsePositives: fp, falseNegatives: fn };
}

/** Exact span and type matching, micro-averaged over types, as conlleval counts it. */
export class SpanScorer {
  private readonly counts = new Map<string, Counts>();

  constructor(types: readonly string[]) {
    for (const type of types) this.counts.set(type, { tp: 0, fp: 0, fn: 0 });
  }

  /** Adds one unit (sentence or document); duplicate spans count once. */
  add(gold: readonly ScoredSpan[], predicted: readonly ScoredSpan[]): void {
    const key = (s: ScoredSpan) => `${s.type}\t${s.start}\t${s.end}`;
    const goldKeys = new Map(gold.map((s) => [key(s), s.type]));
    const predictedKeys = new Map(predicted.map((s) => [key(s), s.type]));
    for (const [k, type] of predictedKeys) this.bump(type, goldKeys.has(k) ? 'tp' : 'fp');
    for (const [k, type] of goldKeys) if (!predictedKeys.has(k)) this.bump(type, 'fn');
  }

  /** Adds another scorer's counts (pooling folds). */
  merge(other: SpanScorer): void {
    for (const [type, c] of other.counts) {
      const counts = this.counts.get(type) ?? { tp: 0, fp: 0, fn: 0 };
      this.counts.set(type, { tp: counts.tp + c.tp, fp: counts.fp + c.fp, fn: counts.fn + c.fn });
    }
  }

  private bump(type: string, field: keyof Counts): void {
    const counts = this.counts.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    counts[field]++;
    this.counts.set(type, counts);
  }

  byType(): Array<[string, PrfFigures]> {
    return [...this.counts].map(([type, counts]) => [type, figures(counts)]);
  }

  micro(): PrfFigures {
    const total = { tp: 0, fp: 0, fn: 0 };
    for (const c of this.counts.values()) {
      total.tp += c.tp;
      total.fp += c.fp;
      total.fn += c.fn;
    }
    return figures(total);
  }

  /** Per-type lines and, last, `micro P <p> R <r> F1 <f1>`. */
  report(): string[] {
    const f = (x: number) => x.toFixed(4);
    const lines = this.byType().map(
      ([type, s]) =>
        `${type.padEnd(5)} P ${f(s.precision)} R ${f(s.recall)} F1 ${f(s.f1)} (gold ${s.truePositives + s.falseNegatives}, predicted ${s.truePositives + s.falsePositives})`,
    );
    const m = this.micro();
    lines.push(`micro P ${f(m.precision)} R ${f(m.recall)} F1 ${f(m.f1)}`);
    return lines;
  }
}
