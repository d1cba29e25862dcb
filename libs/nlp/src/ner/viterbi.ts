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

/** For each tag, the tags allowed before it (flat, with offsets): decoding skips the forbidden moves without testing them. */
interface Predecessors {
  offsets: Int32Array;
  from: Int32Array;
}

const predecessorCache = new WeakMap<Uint8Array, Predecessors>();

function predecessorsOf(allowed: Uint8Array, k: number): Predecessors {
  let cached = predecessorCache.get(allowed);
  if (cached) return cached;
  const offsets = new Int32Array(k + 1);
  const from: number[] = [];
  for (let t = 0; t < k; t++) {
    offsets[t] = from.length;
    for (let p = 0; p < k; p++) if (allowed[p * k + t]) from.push(p);
  }
  offsets[k] = from.length;
  cached = { offsets, from: Int32Array.from(from) };
  predecessorCache.set(allowed, cached);
  return cached;
}

/** Scratch tables reused across calls (decoding is synchronous), grown as needed. */
let scoreScratch = new Float64Array(1024);
let backScratch = new Int32Array(1024);
let moveScratch = new Float64Array(0);

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
  if (scoreScratch.length < length * k) {
    scoreScratch = new Float64Array(length * k * 2);
    backScratch = new Int32Array(length * k * 2);
  }
  const score = scoreScratch;
  const back = backScratch;
  const { offsets, from } = predecessorsOf(allowed, k);
  // Transition weights in predecessor-list order: the inner loop reads them in sequence.
  if (moveScratch.length < from.length) moveScratch = new Float64Array(from.length);
  const moves = moveScratch;
  for (let t = 0; t < k; t++)
    for (let j = offsets[t]!, end = offsets[t + 1]!; j < end; j++) moves[j] = transitions[from[j]! * k + t]!;
  for (let t = 0; t < k; t++) {
    score[t] = allowed[k * k + t] ? emissions[t]! + transitions[k * k + t]! : -Infinity;
  }
  for (let i = 1; i < length; i++) {
    const previous = (i - 1) * k;
    const row = i * k;
    for (let t = 0; t < k; t++) {
      let best = -Infinity;
      let arg = 0;
      for (let j = offsets[t]!, end = offsets[t + 1]!; j < end; j++) {
        const p = from[j]!;
        const s = score[previous + p]! + moves[j]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[row + t] = best + emissions[row + t]!;
      back[row + t] = arg;
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
