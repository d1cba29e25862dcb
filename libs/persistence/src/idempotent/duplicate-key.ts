const DUPLICATE_KEY_CODES = new Set([11000, 11001]);

/**
 * True for a unique-index violation (codes 11000/11001), also when it is one of the write
 * errors of a bulk write or `insertMany`.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { code?: unknown; writeErrors?: unknown; result?: { writeErrors?: unknown } };
  if (DUPLICATE_KEY_CODES.has(candidate.code as number)) return true;
  const writeErrors = candidate.writeErrors ?? candidate.result?.writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  return list.some((writeError) => DUPLICATE_KEY_CODES.has((writeError as { code?: unknown } | null)?.code as number));
}
