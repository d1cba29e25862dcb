/** Median of a non-empty list (the mean of the two middle values for an even length). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Consistency factor that makes the MAD estimate σ for normally distributed values. */
export const MAD_TO_SIGMA = 1.4826;

/** Median absolute deviation scaled to a standard deviation (robust to the outliers we look for). */
export function robustSigma(values: readonly number[]): number {
  const centre = median(values);
  return MAD_TO_SIGMA * median(values.map((value) => Math.abs(value - centre)));
}
