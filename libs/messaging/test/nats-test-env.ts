// Test-only helpers. They mirror @media-monitor/testing (testInfra, uniqueNamespace, waitFor): importing
// that package from messaging specs would close a project cycle (testing depends on messaging), which the
// Nx module-boundary lint rule rejects.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Namespace } from '@media-monitor/contracts';

/** URL of the nats-server started by the Jest global setup. */
export function testNatsUrl(): string {
  const url = process.env['TEST_NATS_URL'];
  if (!url) throw new Error('TEST_NATS_URL is not set: run the tests through Jest (global setup)');
  return url;
}

/** A fresh namespace for one test. */
export function uniqueNamespace(prefix = 'm'): Namespace {
  return new Namespace(`${prefix}${randomBytes(5).toString('hex')}`);
}

/** Polls `probe` until it returns something other than undefined; timeoutMs in milliseconds. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  { timeoutMs = 15_000, intervalMs = 25, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
}
