import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LocalStack, type LocalStackOptions } from './local-stack.js';
import { ManagedProcess } from './managed-process.js';
import { freePort, waitForHttpOk } from './net.js';
import { repositoryRoot } from './paths.js';

/** The backend services, in start order (consumers before producers, the gateway last). */
export const SERVICE_NAMES = ['trends', 'alert', 'entity', 'sentiment', 'ingest', 'gateway'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface LocalSystemOptions extends LocalStackOptions {
  /** Isolates subjects, streams and consumers (tests); empty in the demo. */
  namespace?: string;
  /** Prefix of every service's database name. */
  databasePrefix?: string;
  /** Preferred gateway port; a free one is used when it is taken or absent. */
  gatewayPort?: number;
  logLevel?: string;
  /** Called with a line of progress for people watching. */
  onProgress?: (line: string) => void;
  /** Readiness timeout per service, in milliseconds (default 90 s: generous for a loaded machine). */
  readyTimeoutMs?: number;
  /**
   * Processes per service (default 1). Replicas of a consumer service share its durable
   * consumers, the way Kubernetes replicas do; each gets its own HTTP port.
   */
  replicas?: Partial<Record<ServiceName, number>>;
  /** Extra environment for every service process (e.g. CONSUMER_CONCURRENCY). */
  env?: Record<string, string>;
  /** Only these services (default: all of them), still in the order of SERVICE_NAMES. */
  services?: readonly ServiceName[];
}

export interface RunningService {
  name: ServiceName;
  /** 0 for the first process of a service, 1.. for further replicas. */
  replica: number;
  url: string;
  process: ManagedProcess;
  logFile: string;
}

async function portOrFree(preferred: number | undefined): Promise<number> {
  if (preferred === undefined) return freePort();
  const { createServer } = await import('node:net');
  const free = await new Promise<boolean>((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(preferred, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
  return free ? preferred : freePort();
}

/** nats-server, FerretDB and every service as separate processes, the way they run in production. */
export class LocalSystem {
  private constructor(
    readonly stack: LocalStack,
    /** The first process of each service. */
    readonly services: Map<ServiceName, RunningService>,
    /** An admin API key made for this run (only its hash is stored): the gateway's API and ingest's push API. */
    readonly apiKey: string,
    /** Every process, replicas included, in start order. */
    readonly processes: RunningService[] = [],
  ) {}

  static async start(options: LocalSystemOptions = {}): Promise<LocalSystem> {
    const progress = options.onProgress ?? (() => undefined);
    const root = repositoryRoot();
    const names = SERVICE_NAMES.filter((name) => options.services?.includes(name) ?? true);
    const missing = names.filter((name) => !existsSync(join(root, 'apps', name, 'dist', 'main.js')));
    if (missing.length > 0) throw new Error(`services not built (${missing.join(', ')}): run "npm run build" first`);
    progress('starting nats-server (JetStream) and FerretDB...');
    const stack = await LocalStack.start(options);
    progress(`  nats-server ${stack.nats.url}, FerretDB ${stack.ferretdb.uri}`);
    const logDir = join(stack.dataDir, 'logs');
    mkdirSync(logDir, { recursive: true });
    const services = new Map<ServiceName, RunningService>();
    const apiKey = `mmk_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;
    const system = new LocalSystem(stack, services, apiKey);
    try {
      for (const name of names) {
        const replicas = options.replicas?.[name] ?? 1;
        if (!Number.isInteger(replicas) || replicas < 1)
          throw new Error(`replicas of ${name} must be a positive integer`);
        for (let replica = 0; replica < replicas; replica++) {
          const port = await portOrFree(name === 'gateway' && replica === 0 ? options.gatewayPort : undefined);
          const instance = replica === 0 ? name : `${name}-${replica}`;
          const logFile = join(logDir, `${instance}.log`);
          const child = new ManagedProcess({
            name: instance,
            command: process.execPath,
            args: ['--enable-source-maps', join(root, 'apps', name, 'dist', 'main.js')],
            logFile,
            cwd: root,
            env: {
              ...process.env,
              NODE_ENV: 'development',
              LOG_LEVEL: options.logLevel ?? 'info',
              // No sources file unless asked: tests and benchmarks must not fetch the real feeds.
              INGEST_SOURCES_FILE: '',
              ...options.env,
              HTTP_HOST: '127.0.0.1',
              HTTP_PORT: String(port),
              NATS_URL: stack.nats.url,
              NATS_NAMESPACE: options.namespace ?? '',
              API_BOOTSTRAP_KEY: apiKey,
              // The gateway's database holds the API keys; ingest checks pushes against it.
              API_KEYS_DB: `${options.databasePrefix ?? 'media'}_gateway`,
              MONGO_URL: stack.ferretdb.uri,
              MONGO_DB: `${options.databasePrefix ?? 'media'}_${name}`,
            },
          });
          child.start();
          const url = `http://127.0.0.1:${port}`;
          const running: RunningService = { name, replica, url, process: child, logFile };
          system.processes.push(running);
          if (replica === 0) services.set(name, running);
          // A service that exits at start (a configuration error) fails at once, not after the timeout.
          const exited = child.exited().then(() => {
            throw new Error(`${instance} exited before it was ready; see ${logFile}`);
          });
          await Promise.race([
            waitForHttpOk(`${url}/health/ready`, options.readyTimeoutMs ?? 90_000).catch((error: Error) => {
              throw new Error(`${instance} did not become ready: ${error.message}; see ${logFile}`);
            }),
            exited,
          ]);
          exited.catch(() => undefined);
          progress(`  ${instance.padEnd(11)} ready at ${url}`);
        }
      }
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  url(name: ServiceName): string {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} is not running`);
    return service.url;
  }

  /**
   * Stops every service at once (each drains its consumers: what one leaves unacknowledged stays in
   * its durable consumer), then NATS and FerretDB.
   */
  async stop(): Promise<void> {
    await Promise.all(this.processes.map((running) => running.process.stop(25_000)));
    await this.stack.stop();
  }

  /** SIGKILL of every service, then NATS and FerretDB stopped: for a user who will not wait for the drain. */
  async kill(): Promise<void> {
    await Promise.all(this.processes.map((running) => running.process.kill()));
    await this.stack.stop();
  }
}
