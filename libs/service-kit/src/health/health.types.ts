/** The outcome of one check; `detail` says why it failed (or anything worth showing). */
export interface HealthCheckResult {
  ok: boolean;
  detail?: string;
}

/** A named readiness check; it may throw or hang, the registry turns that into `ok: false`. */
export type HealthCheck = () => Promise<HealthCheckResult>;

export interface ReadinessReport {
  ok: boolean;
  status: 'ok' | 'unavailable' | 'shutting-down';
  checks: Record<string, HealthCheckResult & { durationMs: number }>;
}
