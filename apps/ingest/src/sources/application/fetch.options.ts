export const FETCH_OPTIONS = Symbol('FetchOptions');

/** The fetching side's settings, from the validated configuration. */
export interface FetchOptions {
  enabled: boolean;
  maxBytes: number;
  /** Schedule bounds for sources that set none, in milliseconds. */
  minIntervalMs: number;
  maxIntervalMs: number;
  tickMs: number;
  /** How long a fetch claim holds, in milliseconds (longer than any run). */
  leaseMs: number;
  /** Sources fetched at once by one replica. */
  concurrency: number;
  maxItemsPerRun: number;
  /** The sources file loaded at start ('' for none). */
  sourcesFile: string;
}
