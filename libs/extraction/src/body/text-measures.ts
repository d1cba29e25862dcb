/** Words as the benchmark counts them: runs of letters, digits and underscores. */
export function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}_]+/gu)?.length ?? 0;
}
