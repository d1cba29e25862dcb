import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { MONGO_CONNECTION } from './persistence.tokens.js';

/** The result of one readiness check. */
export interface MongoHealth {
  ok: boolean;
  detail?: string;
}

const DEFAULT_PING_TIMEOUT_MS = 1_500;

/** Readiness of the database: a `{ ping: 1 }` round trip within a short timeout. */
@Injectable()
export class MongoHealthIndicator {
  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {}

  /** Pings the server; never throws, answers `{ ok: false, detail }` instead. */
  async check(timeoutMs = DEFAULT_PING_TIMEOUT_MS): Promise<MongoHealth> {
    const db = this.connection.db;
    if (this.connection.readyState !== 1 || !db) {
      return { ok: false, detail: `connection state is ${stateName(this.connection.readyState)}` };
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<MongoHealth>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, detail: `ping timed out after ${timeoutMs} ms` }), timeoutMs);
    });
    const ping = db.command({ ping: 1 }).then(
      (): MongoHealth => ({ ok: true }),
      (error: unknown): MongoHealth => ({
        ok: false,
        detail: `ping failed: ${error instanceof Error ? error.message : String(error)}`,
      }),
    );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function stateName(state: number): string {
  return ['disconnected', 'connected', 'connecting', 'disconnecting'][state] ?? `unknown (${state})`;
}
