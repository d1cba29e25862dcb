import { describe, expect, it } from '@jest/globals';
import { allowedTransitions, viterbi } from './viterbi.js';

const TAGS = ['O', 'B-PER', 'I-PER'];

describe('viterbi', () => {
  it('forbids I-X after O and at the start', () => {
    const allowed = allowedTransitions(TAGS);
    expect(allowed[0 * 3 + 2]).toBe(0);
    expect(allowed[3 * 3 + 2]).toBe(0);
    expect(allowed[1 * 3 + 2]).toBe(1);
    expect(allowed[2 * 3 + 2]).toBe(1);
  });

  it('finds the best well-formed path, not the best tag per token', () => {
    // Token 0 prefers O slightly, token 1 strongly prefers I-PER: the legal best is B-PER I-PER.
    const emissions = Float32Array.from([1, 0.5, 0, 0, 0, 5]);
    const path = viterbi(emissions, 2, 3, new Float32Array(12), allowedTransitions(TAGS));
    expect(Array.from(path)).toEqual([1, 2]);
  });

  it('lets transition weights decide between equal emissions', () => {
    const transitions = new Float32Array(12);
    transitions[1 * 3 + 1] = 2; // B-PER followed by B-PER
    const emissions = Float32Array.from([0, 1, 0, 0, 1, 0]);
    expect(Array.from(viterbi(emissions, 2, 3, transitions, allowedTransitions(TAGS)))).toEqual([1, 1]);
    expect(Array.from(viterbi(new Float32Array(0), 0, 3, transitions, allowedTransitions(TAGS)))).toEqual([]);
  });
});
