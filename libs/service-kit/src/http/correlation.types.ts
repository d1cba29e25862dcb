/**
 * Runs `fn` inside a correlation context, e.g. messaging's `runWithCorrelationId`, so that logs
 * and published messages of the request carry the id.
 */
export type RunWithCorrelation = <T>(correlationId: string, fn: () => T) => T;

export interface CorrelationOptions {
  /** Correlation-context runner; without it the id is only read, generated and echoed. */
  run?: RunWithCorrelation;
  /** Header to read and echo (default `x-correlation-id`). */
  header?: string;
}
