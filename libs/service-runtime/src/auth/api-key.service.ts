import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { API_AUTH_OPTIONS, type ApiAuthOptions } from './api-auth.options.js';
import { issueApiKey, parseApiKey, sameHash, type ApiScope } from './api-key.js';
import { ApiKeyRepository, type ApiKeyRecord } from './api-key.repository.js';

/** How long a verified key is trusted without asking the store again (revocation delay). */
const CACHE_TTL_MS = 30_000;
const CACHE_MAX = 10_000;

export interface ApiPrincipal {
  keyId: string;
  scopes: ApiScope[];
}

export type ApiKeySummary = Omit<ApiKeyRecord, '_id' | 'hash'> & { id: string };

/** Issues, verifies and revokes API keys; only their hashes are stored. */
@Injectable()
export class ApiKeyService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ApiKeyService');
  private readonly verified = new Map<string, { principal: ApiPrincipal | null; until: number }>();

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
    const now = Date.now();
    const cached = this.verified.get(token);
    if (cached && cached.until > now) return cached.principal;
    const parsed = parseApiKey(token);
    const record = parsed ? await this.keys.findActive(parsed.id) : null;
    const principal =
      parsed && record && sameHash(record.hash, parsed.hash) ? { keyId: record._id, scopes: record.scopes } : null;
    if (this.verified.size >= CACHE_MAX) this.verified.clear();
    this.verified.set(token, { principal, until: now + CACHE_TTL_MS });
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

  /** Revokes a key; within CACHE_TTL_MS every replica of every service checking keys refuses it. */
  async revoke(id: string): Promise<boolean> {
    const revoked = await this.keys.revoke(id, new Date());
    for (const [token, entry] of this.verified) if (entry.principal?.keyId === id) this.verified.delete(token);
    return revoked;
  }
}

function summary({ _id, hash: _hash, ...rest }: ApiKeyRecord): ApiKeySummary {
  return { id: _id, ...rest };
}
