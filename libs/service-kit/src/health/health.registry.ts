import { Injectable } from '@nestjs/common';
import { ServiceKitError } from '../service-kit.errors.js';
import type { HealthCheck, HealthCheckResult, ReadinessReport } from './health.types.js';

/** Time one check may take before it counts as failed, in milliseconds. */
export const DEFAULT_CHECK_TIMEOUT_MS = 2_000;

interface RegisteredCheck {
  check: HealthCheck;
  timeoutMs: number;
}

/** Named readiness checks of one application, and whether it is shutting down. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, RegisteredCheck>();
  private shuttingDown = false;

  /** Adds a check under a unique name; returns a function that removes it again. */
  register(name: string, check: HealthCheck, options: { timeoutMs?: number } = {}): () => void {
    if (this.checks.has(name)) {
      throw new ServiceKitError('health.duplicate-check', `a readiness check named "${name}" is already registered`);
    }
    const entry = { check, timeoutMs: options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS };
    this.checks.set(name, entry);
    return () => {
      if (this.checks.get(name) === entry) this.checks.delete(name);
    };
  }

  /** From now on the application reports not ready, whatever its checks say. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  /** True once `markShuttingDown()` was called. */
  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** Runs every check in parallel, each bounded by its timeout. */
  async readiness(): Promise<ReadinessReport> {
    if (this.shuttingDown) return { ok: false, status: 'shutting-down', checks: {} };
    const entries = await Promise.all(
      [...this.checks].map(async ([name, entry]) => [name, await runCheck(entry)] as const),
    );
    const ok = entries.every(([, result]) => result.ok);
    return { ok, status: ok ? 'ok' : 'unavailable', checks: Object.fromEntries(entries) };
  }
}

async function runCheck(entry: RegisteredCheck): Promise<HealthCheckResult & { durationMs: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HealthCheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `timed out after ${entry.timeoutMs} ms` }), entry.timeoutMs);
  });
  const attempt = Promise.resolve()
    .then(entry.check)
    .then(
      (result): HealthCheckResult =>
        result.detail === undefined ? { ok: result.ok === true } : { ok: result.ok === true, detail: result.detail },
      (error: unknown): HealthCheckResult => ({
        ok: false,
        detail: error instanceof Error ? error.message : String(error),
      }),
    );
  try {
    const result = await Promise.race([attempt, timeout]);
    return { ...result, durationMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}
