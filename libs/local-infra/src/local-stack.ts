import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FerretDb, type FerretDbBackend } from './ferretdb.js';
import { NatsServer } from './nats-server.js';

export interface LocalStackOptions {
  /** Keeps data here across runs; a temporary folder, removed on stop, when absent. */
  dataDir?: string;
  natsPort?: number;
  mongoPort?: number;
  /** FerretDB on this PostgreSQL database instead of SQLite (see FerretDbOptions). */
  ferretdbPostgresqlUrl?: string;
  /** FerretDB's backend when no URL is given (default: FERRETDB_BACKEND, else auto: a private PostgreSQL when installed). */
  ferretdbBackend?: FerretDbBackend;
}

/** nats-server and FerretDB started together for development, demos and tests. */
export class LocalStack {
  private constructor(
    readonly nats: NatsServer,
    readonly ferretdb: FerretDb,
    readonly dataDir: string,
    private readonly temporary: boolean,
  ) {}

  static async start(options: LocalStackOptions = {}): Promise<LocalStack> {
    const temporary = options.dataDir === undefined;
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'media-monitor-'));
    const [nats, ferretdb] = await Promise.allSettled([
      NatsServer.start({ dataDir: join(dataDir, 'nats'), port: options.natsPort }),
      FerretDb.start({
        dataDir: join(dataDir, 'ferretdb'),
        port: options.mongoPort,
        ...(options.ferretdbPostgresqlUrl ? { postgresqlUrl: options.ferretdbPostgresqlUrl } : {}),
        ...(options.ferretdbBackend ? { backend: options.ferretdbBackend } : {}),
      }),
    ]);
    if (nats.status === 'rejected' || ferretdb.status === 'rejected') {
      // Leave nothing running: stop whichever did start.
      await Promise.all([
        nats.status === 'fulfilled' ? nats.value.stop() : undefined,
        ferretdb.status === 'fulfilled' ? ferretdb.value.stop() : undefined,
      ]);
      if (temporary) rmSync(dataDir, { recursive: true, force: true });
      throw nats.status === 'rejected' ? nats.reason : (ferretdb as PromiseRejectedResult).reason;
    }
    return new LocalStack(nats.value, ferretdb.value, dataDir, temporary);
  }

  async stop(): Promise<void> {
    await Promise.all([this.nats.stop(), this.ferretdb.stop()]);
    if (this.temporary) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
