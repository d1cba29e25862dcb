/** The body of an error reply to a query. */
export interface QueryErrorReply {
  error: { code: string; message: string };
}

/** Builds an error reply. */
export function queryErrorReply(code: string, message: string): QueryErrorReply {
  return { error: { code, message } };
}

/** True for `{ error: { code, message } }` and nothing else (a response never has that exact shape). */
export function isQueryErrorReply(value: unknown): value is QueryErrorReply {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== 'error') return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
