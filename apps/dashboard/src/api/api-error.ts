/** An answer of the gateway other than 2xx, with its stable error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Further fields of the error object (e.g. `position` of a query error). */
    readonly details: Record<string, unknown> = {},
    readonly path = '',
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The gateway has no such route: a feature this server does not offer (yet), not a failure. */
  get routeMissing(): boolean {
    return this.status === 404 && this.code === 'http.404';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The error a response body describes: `{ error: { code, message, ... } }` from the gateway (`http.404`
 * for a route it does not have), or the framework's `{ statusCode, error: "Not Found", message }` that
 * older gateways sent for one.
 */
export function errorFromResponse(status: number, body: unknown, path = ''): ApiError {
  if (isRecord(body) && isRecord(body['error'])) {
    const { code, message, ...details } = body['error'];
    return new ApiError(
      status,
      typeof code === 'string' ? code : `http.${status}`,
      typeof message === 'string' ? message : `HTTP ${status}`,
      details,
      path,
    );
  }
  const message = isRecord(body) && typeof body['message'] === 'string' ? body['message'] : `HTTP ${status}`;
  return new ApiError(status, `http.${status}`, message, {}, path);
}
