import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { API_AUTH_OPTIONS, type ApiAuthOptions } from './api-auth.options.js';
import { issueApiKey, parseApiKey, sameHash, type ApiScope } from './api-key.js';
import { ApiKeyRepository, type ApiKeyRecord } from './api-key.repository.js';
import { VerifiedKeys } from './verified-keys.js';

/**
 * Verified keys are trusted 30 s without asking the store again: a key revoked through one replica
 * is refused there at once and by the others within this delay (docs/security.md).
 */
const VERIFIED_KEYS = { validTtlMs: 30_000, validMax: 10_000, invalidTtlMs: 5_000, invalidMax: 1_000 };

export interface ApiPrincipal {
  keyId: string;
  scopes: ApiScope[];
}

export type ApiKeySummary = Omit<ApiKeyRecord, '_id' | 'hash'> & { id: string };

/** Issues, verifies and revokes API keys; only their hashes are stored. */
@Injectable()
export class ApiKeyService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ApiKeyService');
  private readonly verified = new VerifiedKeys(VERIFIED_KEYS);
  /** Revocations through this replica so far: a verification that overlapped one is not kept. */
  private revocations = 0;

  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(API_AUTH_OPTIONS) private readonly options: ApiAuthOptions,
  ) {}

  /** Stores the bootstrap admin key's hash, once. */
  async onApplicationBootstrap(): Promise<void> {
    const token = this.options.bootstrapKey;
    if (!token) return;
    const parsed = parseApiKey(token);
    if (!parsed) return;
    const outcome = await this.keys.insert({
      _id: parsed.id,
      name: 'bootstrap',
      hash: parsed.hash,
      scopes: ['admin'],
      createdAt: new Date(),
      revokedAt: null,
    });
    if (outcome === 'inserted') this.logger.log(`bootstrap admin key ${parsed.id} stored`);
  }

  /** The key's principal, or null for an unknown, revoked or malformed key. */
  async verify(token: string): Promise<ApiPrincipal | null> {
    const known = this.verified.get(token);
    if (known !== undefined) return known;
    const revocations = this.revocations;
    const parsed = parseApiKey(token);
    const record = parsed ? await this.keys.findActive(parsed.id) : null;
    const principal =
      parsed && record && sameHash(record.hash, parsed.hash) ? { keyId: record._id, scopes: record.scopes } : null;
    if (revocations === this.revocations) this.verified.set(token, principal);
    return principal;
  }

  async create(name: string, scopes: ApiScope[]): Promise<{ key: ApiKeySummary; token: string }> {
    const issued = issueApiKey();
    const record: ApiKeyRecord = {
      _id: issued.id,
      name,
      hash: issued.hash,
      scopes: [...new Set(scopes)],
      createdAt: new Date(),
      revokedAt: null,
    };
    await this.keys.insert(record);
    return { key: summary(record), token: issued.token };
  }

  async list(): Promise<ApiKeySummary[]> {
    return (await this.keys.list()).map(summary);
  }

  /**
   * Revokes a key: this replica refuses it at once, every other replica of every service that checks
   * keys (gateway, ingest) within 30 s (VERIFIED_KEYS).
   */
  async revoke(id: string): Promise<boolean> {
    this.revocations += 1;
    const revoked = await this.keys.revoke(id, new Date());
    this.revocations += 1;
    this.verified.forgetKey(id);
    return revoked;
  }
}

function summary({ _id, hash: _hash, ...rest }: ApiKeyRecord): ApiKeySummary {
  return { id: _id, ...rest };
}
