import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveBinary } from './binaries.js';
import { ManagedProcess } from './managed-process.js';
import { freePort, waitForPort } from './net.js';
import { PostgresServer, findPostgresBinDir } from './postgres.js';

/**
 * `postgresql`: a private PostgreSQL cluster in the data folder (fails without PostgreSQL);
 * `sqlite`: SQLite files in the data folder; `auto` (the default): PostgreSQL when its binaries
 * are installed, else SQLite with a warning. FERRETDB_BACKEND overrides the default.
 */
export type FerretDbBackend = 'auto' | 'postgresql' | 'sqlite';

function backendFromEnv(env: NodeJS.ProcessEnv): FerretDbBackend {
  const value = env['FERRETDB_BACKEND'] ?? 'auto';
  if (value === 'auto' || value === 'postgresql' || value === 'sqlite') return value;
  throw new Error(`FERRETDB_BACKEND must be auto, postgresql or sqlite (got "${value}")`);
}

export interface FerretDbOptions {
  /** Folder for the SQLite files and the log; created if missing. */
  dataDir: string;
  port?: number;
  /** Readiness timeout in milliseconds. */
  startTimeoutMs?: number;
  /**
   * Use the PostgreSQL backend on this server (an existing database, e.g.
   * `postgres://postgres@127.0.0.1:5432/postgres`) instead of a private cluster or SQLite.
   */
  postgresqlUrl?: string;
  /** Which backend to run when no postgresqlUrl is given (default: FERRETDB_BACKEND, else auto). */
  backend?: FerretDbBackend;
  /** Where a line about the chosen backend goes (default: stderr). */
  onLog?: (line: string) => void;
}

/**
 * A local FerretDB v1 (MongoDB wire protocol) bound to 127.0.0.1, on its PostgreSQL backend (a
 * private cluster it starts and stops with itself, or a given server) or its SQLite backend.
 * FerretDB v1.24's SQLite backend scans a collection for every update, even by `_id` (ADR 0008).
 */
export class FerretDb {
  private constructor(
    readonly port: number,
    readonly dataDir: string,
    /** The backend in use. */
    readonly backend: 'postgresql' | 'sqlite',
    private readonly process: ManagedProcess,
    private readonly startTimeoutMs: number,
    /** The private cluster, when FerretDB runs on one. */
    readonly postgres: PostgresServer | undefined,
  ) {}

  static async start(options: FerretDbOptions): Promise<FerretDb> {
    const log = options.onLog ?? ((line: string) => process.stderr.write(`[local-infra] ${line}\n`));
    const sqliteDir = join(options.dataDir, 'sqlite');
    mkdirSync(options.dataDir, { recursive: true });
    const port = options.port ?? (await freePort());
    const binary = resolveBinary('ferretdb');
    const wanted = options.backend ?? backendFromEnv(process.env);
    let postgres: PostgresServer | undefined;
    let postgresqlUrl = options.postgresqlUrl;
    if (!postgresqlUrl && wanted !== 'sqlite') {
      if (wanted === 'auto' && !findPostgresBinDir()) {
        log(
          'PostgreSQL not found (apt-get install postgresql, or POSTGRES_BIN_DIR): FerretDB runs on its SQLite ' +
            'backend, whose updates scan whole collections (slow beyond a few thousand documents)',
        );
      } else {
        try {
          postgres = await PostgresServer.start({ dataDir: join(options.dataDir, 'postgresql') });
          postgresqlUrl = postgres.url;
        } catch (error) {
          if (wanted === 'postgresql') throw error;
          log(`private PostgreSQL did not start (${(error as Error).message}): FerretDB runs on its SQLite backend`);
        }
      }
    }
    if (!postgresqlUrl) mkdirSync(sqliteDir, { recursive: true });
    const child = new ManagedProcess({
      name: 'ferretdb',
      command: binary,
      args: [
        ...(postgresqlUrl
          ? ['--handler=postgresql', `--postgresql-url=${postgresqlUrl}`]
          : ['--handler=sqlite', `--sqlite-url=file:${sqliteDir}/`]),
        `--state-dir=${options.dataDir}`,
        `--listen-addr=127.0.0.1:${port}`,
        '--debug-addr=-',
        '--telemetry=disable',
        '--log-level=warn',
      ],
      logFile: join(options.dataDir, 'ferretdb.log'),
    });
    const db = new FerretDb(
      port,
      options.dataDir,
      postgresqlUrl ? 'postgresql' : 'sqlite',
      child,
      options.startTimeoutMs ?? 20_000,
      postgres,
    );
    try {
      await db.restart();
    } catch (error) {
      await db.stop();
      throw error;
    }
    return db;
  }

  /** A MongoDB connection string without a database name. */
  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}/`;
  }

  /** The process id while it runs (for CPU and memory sampling). */
  get pid(): number | undefined {
    return this.process.pid;
  }

  get running(): boolean {
    return this.process.running;
  }

  async restart(): Promise<void> {
    this.process.start();
    await waitForPort(this.port, this.startTimeoutMs);
  }

  /** Stops FerretDB, then its private PostgreSQL. */
  async stop(): Promise<void> {
    await this.process.stop();
    await this.postgres?.stop();
  }

  /** SIGKILL of FerretDB alone, as a crash would (its PostgreSQL keeps running; `restart` reconnects). */
  kill(): Promise<void> {
    return this.process.kill();
  }
}
