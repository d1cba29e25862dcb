import { schemeOf } from './tags.js';

const continues = (tag: string) => tag.startsWith('I-') || tag.startsWith('L-');

/**
 * Which tag may follow which, as a (k + 2) × k table: rows 0..k-1 are the previous tag,
 * row k the sequence start, row k + 1 the tags a sequence may end with. BIO: I-X only after
 * B-X or I-X. BILOU: after B-X or I-X only I-X or L-X, elsewhere no I- or L-, and no
 * sequence ends inside an entity. Disallowed moves are never decoded, so every output is
 * a well-formed span set.
 */
export function allowedTransitions(tags: readonly string[]): Uint8Array {
  const k = tags.length;
  const bilou = schemeOf(tags) === 'BILOU';
  const opens = (tag: string) => (bilou ? tag.startsWith('B-') || tag.startsWith('I-') : tag !== 'O');
  const allowed = new Uint8Array((k + 2) * k);
  for (let to = 0; to < k; to++) {
    const next = tags[to] ?? 'O';
    for (let from = 0; from <= k; from++) {
      const previous = from < k ? (tags[from] ?? 'O') : 'O';
      const sameType = previous.slice(2) === next.slice(2);
      const ok =
        bilou && opens(previous) ? continues(next) && sameType : !continues(next) || (opens(previous) && sameType);
      allowed[from * k + to] = ok ? 1 : 0;
    }
    allowed[(k + 1) * k + to] = bilou && opens(next) ? 0 : 1;
  }
  return allowed;
}

/**
 * Best tag sequence under first-order scores: `emissions` is length × k (token-major),
 * `transitions` is (k + 1) × k with the start row last, `allowed` as from allowedTransitions.
 * Returns tag indices.
 */
export function viterbi(
  emissions: Float64Array,
  length: number,
  k: number,
  transitions: Float32Array,
  allowed: Uint8Array,
): Int32Array {
  const path = new Int32Array(length);
  if (length === 0) return path;
  const score = new Float64Array(length * k);
  const back = new Int32Array(length * k);
  for (let t = 0; t < k; t++) {
    score[t] = allowed[k * k + t] ? emissions[t]! + transitions[k * k + t]! : -Infinity;
  }
  for (let i = 1; i < length; i++) {
    const previous = (i - 1) * k;
    for (let t = 0; t < k; t++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < k; p++) {
        if (!allowed[p * k + t]) continue;
        const s = score[previous + p]! + transitions[p * k + t]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * k + t] = best + emissions[i * k + t]!;
      back[i * k + t] = arg;
    }
  }
  let best = -Infinity;
  let last = 0;
  for (let t = 0; t < k; t++) {
    if (!allowed[(k + 1) * k + t]) continue;
    const s = score[(length - 1) * k + t]!;
    if (s > best) {
      best = s;
      last = t;
    }
  }
  path[length - 1] = last;
  for (let i = length - 1; i > 0; i--) {
    last = back[i * k + last]!;
    path[i - 1] = last;
  }
  return path;
}
