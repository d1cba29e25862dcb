import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveBinary } from './binaries.js';
import { ManagedProcess } from './managed-process.js';
import { freePort, waitForPort } from './net.js';

export interface FerretDbOptions {
  /** Folder for the SQLite files and the log; created if missing. */
  dataDir: string;
  port?: number;
  /** Readiness timeout in milliseconds. */
  startTimeoutMs?: number;
  /**
   * Use the PostgreSQL backend on this server (an existing database, e.g.
   * `postgres://postgres@127.0.0.1:5432/postgres`) instead of SQLite files in `dataDir`.
   */
  postgresqlUrl?: string;
}

/** A local FerretDB v1 (MongoDB wire protocol) on its SQLite (or PostgreSQL) backend, bound to 127.0.0.1. */
export class FerretDb {
  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly process: ManagedProcess,
    private readonly startTimeoutMs: number,
  ) {}

  static async start(options: FerretDbOptions): Promise<FerretDb> {
    const sqliteDir = join(options.dataDir, 'sqlite');
    mkdirSync(sqliteDir, { recursive: true });
    const port = options.port ?? (await freePort());
    const child = new ManagedProcess({
      name: 'ferretdb',
      command: resolveBinary('ferretdb'),
      args: [
        ...(options.postgresqlUrl
          ? ['--handler=postgresql', `--postgresql-url=${options.postgresqlUrl}`]
          : ['--handler=sqlite', `--sqlite-url=file:${sqliteDir}/`]),
        `--state-dir=${options.dataDir}`,
        `--listen-addr=127.0.0.1:${port}`,
        '--debug-addr=-',
        '--telemetry=disable',
        '--log-level=warn',
      ],
      logFile: join(options.dataDir, 'ferretdb.log'),
    });
    const db = new FerretDb(port, options.dataDir, child, options.startTimeoutMs ?? 20_000);
    await db.restart();
    return db;
  }

  /** A MongoDB connection string without a database name. */
  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}/`;
  }

  get running(): boolean {
    return this.process.running;
  }

  async restart(): Promise<void> {
    this.process.start();
    await waitForPort(this.port, this.startTimeoutMs);
  }

  stop(): Promise<void> {
    return this.process.stop();
  }

  kill(): Promise<void> {
    return this.process.kill();
  }
}
