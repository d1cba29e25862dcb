import { randomUUID } from 'node:crypto';

/** Ids accepted from callers: 1-128 characters of letters, digits and `._:-` (safe to log and echo). */
const ACCEPTED = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's correlation id when it is acceptable, otherwise a fresh UUID. */
export function correlationIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && ACCEPTED.test(value) ? value : randomUUID();
}
