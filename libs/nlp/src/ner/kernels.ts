/** Weight tables: float while training, int16 steps once read from a file. */
export type WeightTable = Float32Array | Int16Array;

type Rows = Uint32Array | Int32Array;

/**
 * Adds to scores[row, row + k) the weight rows (k wide) of the buckets features[from, end).
 * The hot loop of tagging: the tag counts of the shipped models (9: BIO over four types,
 * 13: BILOU over three) get unrolled versions that keep the sums in registers, some three
 * times faster than the loop over tags; indices are in range by construction. Int16 and
 * float tables have kernels of their own (same code) so that each stays monomorphic.
 */
export function addRows(
  scores: Float64Array,
  row: number,
  w: WeightTable,
  features: Rows,
  from: number,
  end: number,
  k: number,
): void {
  if (w instanceof Int16Array) {
    if (k === 9) return add9(scores, row, w, features, from, end);
    if (k === 13) return add13(scores, row, w, features, from, end);
  } else {
    if (k === 9) return add9f(scores, row, w, features, from, end);
    if (k === 13) return add13f(scores, row, w, features, from, end);
  }
  for (let f = from; f < end; f++) {
    const base = features[f]! * k;
    for (let t = 0; t < k; t++) scores[row + t]! += w[base + t]!;
  }
}

function add9(scores: Float64Array, row: number, w: Int16Array, features: Rows, from: number, end: number) {
  let s0 = scores[row]!;
  let s1 = scores[row + 1]!;
  let s2 = scores[row + 2]!;
  let s3 = scores[row + 3]!;
  let s4 = scores[row + 4]!;
  let s5 = scores[row + 5]!;
  let s6 = scores[row + 6]!;
  let s7 = scores[row + 7]!;
  let s8 = scores[row + 8]!;
  for (let f = from; f < end; f++) {
    const b = features[f]! * 9;
    s0 += w[b]!;
    s1 += w[b + 1]!;
    s2 += w[b + 2]!;
    s3 += w[b + 3]!;
    s4 += w[b + 4]!;
    s5 += w[b + 5]!;
    s6 += w[b + 6]!;
    s7 += w[b + 7]!;
    s8 += w[b + 8]!;
  }
  scores[row] = s0;
  scores[row + 1] = s1;
  scores[row + 2] = s2;
  scores[row + 3] = s3;
  scores[row + 4] = s4;
  scores[row + 5] = s5;
  scores[row + 6] = s6;
  scores[row + 7] = s7;
  scores[row + 8] = s8;
}

function add13(scores: Float64Array, row: number, w: Int16Array, features: Rows, from: number, end: number) {
  let s0 = scores[row]!;
  let s1 = scores[row + 1]!;
  let s2 = scores[row + 2]!;
  let s3 = scores[row + 3]!;
  let s4 = scores[row + 4]!;
  let s5 = scores[row + 5]!;
  let s6 = scores[row + 6]!;
  let s7 = scores[row + 7]!;
  let s8 = scores[row + 8]!;
  let s9 = scores[row + 9]!;
  let s10 = scores[row + 10]!;
  let s11 = scores[row + 11]!;
  let s12 = scores[row + 12]!;
  for (let f = from; f < end; f++) {
    const b = features[f]! * 13;
    s0 += w[b]!;
    s1 += w[b + 1]!;
    s2 += w[b + 2]!;
    s3 += w[b + 3]!;
    s4 += w[b + 4]!;
    s5 += w[b + 5]!;
    s6 += w[b + 6]!;
    s7 += w[b + 7]!;
    s8 += w[b + 8]!;
    s9 += w[b + 9]!;
    s10 += w[b + 10]!;
    s11 += w[b + 11]!;
    s12 += w[b + 12]!;
  }
  scores[row] = s0;
  scores[row + 1] = s1;
  scores[row + 2] = s2;
  scores[row + 3] = s3;
  scores[row + 4] = s4;
  scores[row + 5] = s5;
  scores[row + 6] = s6;
  scores[row + 7] = s7;
  scores[row + 8] = s8;
  scores[row + 9] = s9;
  scores[row + 10] = s10;
  scores[row + 11] = s11;
  scores[row + 12] = s12;
}

function add9f(scores: Float64Array, row: number, w: Float32Array, features: Rows, from: number, end: number) {
  let s0 = scores[row]!;
  let s1 = scores[row + 1]!;
  let s2 = scores[row + 2]!;
  let s3 = scores[row + 3]!;
  let s4 = scores[row + 4]!;
  let s5 = scores[row + 5]!;
  let s6 = scores[row + 6]!;
  let s7 = scores[row + 7]!;
  let s8 = scores[row + 8]!;
  for (let f = from; f < end; f++) {
    const b = features[f]! * 9;
    s0 += w[b]!;
    s1 += w[b + 1]!;
    s2 += w[b + 2]!;
    s3 += w[b + 3]!;
    s4 += w[b + 4]!;
    s5 += w[b + 5]!;
    s6 += w[b + 6]!;
    s7 += w[b + 7]!;
    s8 += w[b + 8]!;
  }
  scores[row] = s0;
  scores[row + 1] = s1;
  scores[row + 2] = s2;
  scores[row + 3] = s3;
  scores[row + 4] = s4;
  scores[row + 5] = s5;
  scores[row + 6] = s6;
  scores[row + 7] = s7;
  scores[row + 8] = s8;
}

function add13f(scores: Float64Array, row: number, w: Float32Array, features: Rows, from: number, end: number) {
  let s0 = scores[row]!;
  let s1 = scores[row + 1]!;
  let s2 = scores[row + 2]!;
  let s3 = scores[row + 3]!;
  let s4 = scores[row + 4]!;
  let s5 = scores[row + 5]!;
  let s6 = scores[row + 6]!;
  let s7 = scores[row + 7]!;
  let s8 = scores[row + 8]!;
  let s9 = scores[row + 9]!;
  let s10 = scores[row + 10]!;
  let s11 = scores[row + 11]!;
  let s12 = scores[row + 12]!;
  for (let f = from; f < end; f++) {
    const b = features[f]! * 13;
    s0 += w[b]!;
    s1 += w[b + 1]!;
    s2 += w[b + 2]!;
    s3 += w[b + 3]!;
    s4 += w[b + 4]!;
    s5 += w[b + 5]!;
    s6 += w[b + 6]!;
    s7 += w[b + 7]!;
    s8 += w[b + 8]!;
    s9 += w[b + 9]!;
    s10 += w[b + 10]!;
    s11 += w[b + 11]!;
    s12 += w[b + 12]!;
  }
  scores[row] = s0;
  scores[row + 1] = s1;
  scores[row + 2] = s2;
  scores[row + 3] = s3;
  scores[row + 4] = s4;
  scores[row + 5] = s5;
  scores[row + 6] = s6;
  scores[row + 7] = s7;
  scores[row + 8] = s8;
  scores[row + 9] = s9;
  scores[row + 10] = s10;
  scores[row + 11] = s11;
  scores[row + 12] = s12;
}
