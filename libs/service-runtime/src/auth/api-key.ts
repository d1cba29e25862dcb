import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * What a key may do: `read` the gateway's API, `ingest` articles through ingest's push API, or
 * `admin`ister everything (topics, rules, keys; it includes the other two).
 */
export type ApiScope = 'read' | 'ingest' | 'admin';
export const API_SCOPES: readonly ApiScope[] = ['read', 'ingest', 'admin'];

/** `mmk_<id>_<secret>`: the id finds the stored hash, the secret (256 random bits) is never stored. */
export const API_KEY_PATTERN = /^mmk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface IssuedApiKey {
  id: string;
  /** Shown once, to the caller that created it. */
  token: string;
  hash: string;
}

/**
 * SHA-256 of the secret. A slow password hash is not needed: the secret is 256 random bits, not
 * something a person chose, so it cannot be guessed from its hash.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function issueApiKey(): IssuedApiKey {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `mmk_${id}_${secret}`, hash: hashSecret(secret) };
}

/** The id and secret hash of a well-formed key, or undefined. */
export function parseApiKey(token: string): { id: string; hash: string } | undefined {
  const match = API_KEY_PATTERN.exec(token);
  if (!match?.[1] || !match[2]) return undefined;
  return { id: match[1], hash: hashSecret(match[2]) };
}

/** Constant-time comparison of two hex hashes. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether a key with these scopes may act where `required` is needed (admin includes every scope). */
export function grants(scopes: readonly ApiScope[], required: ApiScope): boolean {
  return scopes.includes('admin') || scopes.includes(required);
}
