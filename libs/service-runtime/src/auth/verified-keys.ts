import type { ApiPrincipal } from './api-key.service.js';

interface Entry {
  principal: ApiPrincipal | null;
  /** Epoch milliseconds after which the store is asked again; use does not extend it. */
  until: number;
}

export interface VerifiedKeysOptions {
  /** How long a valid key is trusted without asking the store (the revocation delay of other replicas), ms. */
  validTtlMs: number;
  validMax: number;
  /** How long an unknown or revoked key is refused without asking the store, ms. */
  invalidTtlMs: number;
  invalidMax: number;
  now?: () => number;
}

/**
 * The outcomes of recent key verifications, so a request with a known key costs one map lookup
 * (no hash, no store read). Valid and invalid keys are kept apart, each a bounded LRU: a flood of
 * made-up keys evicts only other made-up keys, never the keys in use.
 */
export class VerifiedKeys {
  private readonly valid = new Map<string, Entry>();
  private readonly invalid = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: VerifiedKeysOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The kept outcome of a token: a principal, null (refused), or undefined (not known: verify it). */
  get(token: string): ApiPrincipal | null | undefined {
    for (const map of [this.valid, this.invalid]) {
      const entry = map.get(token);
      if (!entry) continue;
      map.delete(token);
      if (entry.until <= this.now()) return undefined;
      map.set(token, entry); // most recently used last
      return entry.principal;
    }
    return undefined;
  }

  set(token: string, principal: ApiPrincipal | null): void {
    const [map, ttl, max] = principal
      ? [this.valid, this.options.validTtlMs, this.options.validMax]
      : [this.invalid, this.options.invalidTtlMs, this.options.invalidMax];
    (principal ? this.invalid : this.valid).delete(token);
    map.delete(token);
    map.set(token, { principal, until: this.now() + ttl });
    while (map.size > max) {
      const oldest = map.keys().next().value;
      if (oldest === undefined) break;
      map.delete(oldest);
    }
  }

  /** Forgets every kept token of a key (revoked here: refused from the next request on). */
  forgetKey(keyId: string): void {
    for (const [token, entry] of this.valid) if (entry.principal?.keyId === keyId) this.valid.delete(token);
  }

  get size(): { valid: number; invalid: number } {
    return { valid: this.valid.size, invalid: this.invalid.size };
  }
}
