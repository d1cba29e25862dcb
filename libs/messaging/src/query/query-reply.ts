/** The body of an error reply to a query; `details` carries machine-readable facts (e.g. a position). */
export interface QueryErrorReply {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** Builds an error reply. */
export function queryErrorReply(code: string, message: string, details?: Record<string, unknown>): QueryErrorReply {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

/** True for `{ error: { code, message, details? } }` and nothing else (a response never has that exact shape). */
export function isQueryErrorReply(value: unknown): value is QueryErrorReply {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== 'error') return false;
  const error = value['error'];
  return (
    isRecord(error) &&
    typeof error['code'] === 'string' &&
    typeof error['message'] === 'string' &&
    (error['details'] === undefined || isRecord(error['details']))
  );
}

/** The `details` of an error thrown by a query handler, when it carries a plain object there. */
export function errorDetails(error: unknown): Record<string, unknown> | undefined {
  if (!isRecord(error)) return undefined;
  const details = error['details'];
  return isRecord(details) ? details : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
