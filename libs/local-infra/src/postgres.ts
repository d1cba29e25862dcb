import { execFile, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ManagedProcess } from './managed-process.js';
import { repositoryRoot } from './paths.js';

export interface PostgresServerOptions {
  /** Folder for the cluster (`pgdata`) and its log; created if missing, kept across runs. */
  dataDir: string;
  /** Readiness timeout in milliseconds. */
  startTimeoutMs?: number;
  /** Where to look for initdb and postgres (default: POSTGRES_BIN_DIR, the newest /usr/lib/postgresql/N/bin, PATH). */
  binDir?: string;
}

/** The account a cluster runs as when this process is root (PostgreSQL refuses to run as root). */
interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

const PORT = 5432;

/**
 * FerretDB v1.24 pushes an equality filter down as `_jsonb->'field' @> value`, while the indexes it
 * creates are btrees on `(_jsonb->'field')`, which `@>` cannot use: every lookup, even by `_id`,
 * scans the table (ADR 0008). This event trigger adds, beside each such index FerretDB creates, a
 * GIN index (jsonb_path_ops) on the same expression of its first field, which `@>` can use; with
 * custom plans (plan_cache_mode) the planner sees the field name as a constant and matches it.
 */
const GIN_FOR_FERRETDB_INDEXES = `
CREATE OR REPLACE FUNCTION media_monitor_gin_for_ferretdb() RETURNS event_trigger
LANGUAGE plpgsql AS $body$
DECLARE
  r record;
  def text;
  expr text;
  tbl text;
  name text;
BEGIN
  FOR r IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE INDEX' LOOP
    def := pg_get_indexdef(r.objid);
    CONTINUE WHEN def !~ 'USING btree';
    expr := substring(def FROM '\\(_jsonb -> ''[^'']+''::text\\)');
    CONTINUE WHEN expr IS NULL;
    SELECT indrelid::regclass::text INTO tbl FROM pg_index WHERE indexrelid = r.objid;
    CONTINUE WHEN position('_ferretdb_' in tbl) > 0;
    name := left((SELECT relname FROM pg_class WHERE oid = r.objid), 55) || '_gin';
    BEGIN
      EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin (%s jsonb_path_ops) WITH (fastupdate = off)', name, tbl, expr);
    EXCEPTION WHEN OTHERS THEN
      RAISE WARNING 'media_monitor_gin_for_ferretdb: no GIN index for %: %', def, SQLERRM;
    END;
  END LOOP;
END
$body$;
DROP EVENT TRIGGER IF EXISTS media_monitor_gin_for_ferretdb;
CREATE EVENT TRIGGER media_monitor_gin_for_ferretdb ON ddl_command_end
  WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION media_monitor_gin_for_ferretdb();
`;

/**
 * Lets the `postgres` account traverse (not list) the folders above its data folder: the
 * temporary folders this process makes are 0700. Only folders under the system's temporary
 * folder or the repository are changed; any other unreachable folder is an error.
 */
function openPathFor(dataDir: string): void {
  const roots = [resolve(tmpdir()), repositoryRoot()];
  for (let dir = dirname(resolve(dataDir)); dir !== dirname(dir); dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) !== 0) continue;
    if (!roots.some((root) => dir === root || dir.startsWith(`${root}/`))) {
      throw new Error(`the postgres account cannot reach ${dir} (mode ${(mode & 0o777).toString(8)})`);
    }
    chmodSync(dir, (mode & 0o777) | 0o111);
  }
}

/**
 * The folder holding initdb, pg_ctl and postgres: POSTGRES_BIN_DIR, the newest
 * /usr/lib/postgresql/<major>/bin (Debian's layout), or the folder of `postgres` on PATH;
 * undefined when PostgreSQL is not installed.
 */
export function findPostgresBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'));
  const override = env['POSTGRES_BIN_DIR'];
  if (override) return has(override) ? override : undefined;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const major of majors) if (has(join(debian, major, 'bin'))) return join(debian, major, 'bin');
  }
  for (const dir of (env['PATH'] ?? '').split(delimiter).filter(Boolean)) if (has(dir)) return dir;
  return undefined;
}

function runAsForRoot(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (!uid || !gid) {
    throw new Error(
      'running as root, but there is no "postgres" user to run PostgreSQL as (apt-get install postgresql)',
    );
  }
  return { uid: Number(uid), gid: Number(gid), name: 'postgres' };
}

/**
 * A private PostgreSQL cluster for FerretDB's PostgreSQL backend: initdb into `dataDir` on first
 * use, listening only on a unix socket (no TCP port, so no clash with any other server), trust
 * authentication for the local user. As root it runs as the `postgres` account.
 */
export class PostgresServer {
  private constructor(
    readonly dataDir: string,
    /** Folder of the unix socket (`.s.PGSQL.5432`). */
    readonly socketDir: string,
    private readonly socketIsTemporary: boolean,
    private readonly process: ManagedProcess,
    private readonly binDir: string,
    private readonly runAs: RunAs | undefined,
  ) {}

  static async start(options: PostgresServerOptions): Promise<PostgresServer> {
    const binDir = options.binDir ?? findPostgresBinDir();
    if (!binDir) throw new Error('PostgreSQL binaries not found (set POSTGRES_BIN_DIR or apt-get install postgresql)');
    const runAs = runAsForRoot();
    const pgdata = join(options.dataDir, 'pgdata');
    mkdirSync(options.dataDir, { recursive: true });
    // A unix socket path must fit in 107 bytes; long data folders get a short socket folder in /tmp.
    const long = join(options.dataDir, `.s.PGSQL.${PORT}`).length > 100;
    const socketDir = long ? mkdtempSync(join(tmpdir(), 'mm-pg-')) : options.dataDir;
    if (runAs) {
      openPathFor(options.dataDir);
      chownSync(options.dataDir, runAs.uid, runAs.gid);
      chownSync(socketDir, runAs.uid, runAs.gid);
    }
    if (!existsSync(join(pgdata, 'PG_VERSION'))) {
      const init = spawnSync(
        join(binDir, 'initdb'),
        ['-D', pgdata, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'],
        { encoding: 'utf8', ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}) },
      );
      if (init.status !== 0) {
        throw new Error(`initdb failed (exit ${init.status ?? init.signal}): ${(init.stderr || init.stdout).trim()}`);
      }
    }
    const child = new ManagedProcess({
      name: 'postgres',
      command: join(binDir, 'postgres'),
      args: [
        '-D',
        pgdata,
        '-p',
        String(PORT),
        '-k',
        socketDir,
        '-c',
        'listen_addresses=',
        // A development and test store: a commit returns before its WAL reaches the disk (an OS
        // crash may lose the last fraction of a second, never corrupts the cluster).
        '-c',
        'synchronous_commit=off',
        '-c',
        'max_connections=400',
        '-c',
        'shared_buffers=256MB',
        '-c',
        'log_min_messages=warning',
        // Plan each statement with its parameters: FerretDB passes field names as parameters.
        '-c',
        'plan_cache_mode=force_custom_plan',
      ],
      logFile: join(options.dataDir, 'postgres.log'),
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
      // SIGINT is PostgreSQL's fast shutdown (SIGTERM waits for every client to leave).
      stopSignal: 'SIGINT',
    });
    const server = new PostgresServer(options.dataDir, socketDir, long, child, binDir, runAs);
    child.start();
    try {
      await server.waitReady(options.startTimeoutMs ?? 30_000);
      server.psql(GIN_FOR_FERRETDB_INDEXES);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** A connection string for FerretDB's `--postgresql-url` (pgx: the socket folder as `host`). */
  get url(): string {
    // pool_max_conns: FerretDB v1.24 holds a connection per statement of a multi-statement update
    // until the command ends; its default pool of 50 can deadlock under concurrent bulk writes.
    return `postgres://postgres@/postgres?host=${encodeURIComponent(this.socketDir)}&port=${PORT}&pool_max_conns=200`;
  }

  /** The process id while it runs (for CPU and memory sampling). */
  get pid(): number | undefined {
    return this.process.pid;
  }

  get running(): boolean {
    return this.process.running;
  }

  async stop(): Promise<void> {
    await this.process.stop(15_000);
    if (this.socketIsTemporary) rmSync(this.socketDir, { recursive: true, force: true });
  }

  /** Runs SQL in the `postgres` database (as its owner); throws with psql's message on failure. */
  psql(sql: string): string {
    const result = spawnSync(
      join(this.binDir, 'psql'),
      [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        this.socketDir,
        '-p',
        String(PORT),
        '-U',
        'postgres',
        '-d',
        'postgres',
      ],
      { input: sql, encoding: 'utf8', ...(this.runAs ? { uid: this.runAs.uid, gid: this.runAs.gid } : {}) },
    );
    if (result.status !== 0) throw new Error(`psql failed: ${(result.stderr || result.stdout).trim()}`);
    return result.stdout;
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const isReady = join(this.binDir, 'pg_isready');
    for (;;) {
      if (!this.process.running) throw new Error(`postgres exited at start; see ${join(this.dataDir, 'postgres.log')}`);
      const ok = await new Promise<boolean>((done) =>
        execFile(isReady, ['-q', '-h', this.socketDir, '-p', String(PORT), '-U', 'postgres'], (error) => done(!error)),
      );
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`postgres was not ready within ${timeoutMs} ms`);
      await sleep(100);
    }
  }
}
