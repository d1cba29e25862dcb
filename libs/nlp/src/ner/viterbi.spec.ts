import { describe, expect, it } from '@jest/globals';
import { allowedTransitions, viterbi } from './viterbi.js';

const TAGS = ['O', 'B-PER', 'I-PER', 'L-PER', 'U-PER'];
const K = TAGS.length;
const START = K;
const END = K + 1;
const at = (from: number, to: number) => from * K + to;

describe('viterbi', () => {
  it('allows only well-formed BILOU moves', () => {
    const allowed = allowedTransitions(TAGS);
    expect(allowed[at(0, 3)]).toBe(0); // O → L-PER
    expect(allowed[at(START, 2)]).toBe(0); // start → I-PER
    expect(allowed[at(1, 0)]).toBe(0); // B-PER → O
    expect(allowed[at(1, 3)]).toBe(1); // B-PER → L-PER
    expect(allowed[at(3, 4)]).toBe(1); // L-PER → U-PER
    expect(allowed[at(END, 1)]).toBe(0); // a sequence cannot end inside an entity
    expect(allowed[at(END, 4)]).toBe(1);
  });

  it('under BIO allows I-X only after B-X or I-X, and any end', () => {
    const allowed = allowedTransitions(['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC']);
    const to = (from: number, next: number) => allowed[from * 5 + next];
    expect([to(0, 2), to(5, 2), to(3, 2), to(1, 2), to(2, 2), to(1, 0), to(1, 3)]).toEqual([0, 0, 0, 1, 1, 1, 1]);
    expect(Array.from(allowed.subarray(6 * 5))).toEqual([1, 1, 1, 1, 1]);
  });

  it('finds the best well-formed path, not the best tag per token', () => {
    // Token 0 prefers O slightly, token 1 strongly prefers L-PER: the legal best is B-PER L-PER.
    const emissions = Float64Array.from([1, 0.5, 0, 0, 0, 0, 0, 0, 5, 0]);
    const path = viterbi(emissions, 2, K, new Float32Array((K + 1) * K), allowedTransitions(TAGS));
    expect(Array.from(path)).toEqual([1, 3]);
  });

  it('lets transition weights decide between equal emissions', () => {
    const transitions = new Float32Array((K + 1) * K);
    transitions[at(4, 4)] = 2; // U-PER followed by U-PER
    const emissions = Float64Array.from([0, 1, 0, 0, 1, 0, 0, 0, 1, 1]);
    expect(Array.from(viterbi(emissions, 2, K, transitions, allowedTransitions(TAGS)))).toEqual([4, 4]);
    expect(Array.from(viterbi(new Float64Array(0), 0, K, transitions, allowedTransitions(TAGS)))).toEqual([]);
  });
});
