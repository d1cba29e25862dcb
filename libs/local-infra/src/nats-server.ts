import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveBinary } from './binaries.js';
import { ManagedProcess } from './managed-process.js';
import { freePort, waitForHttpOk } from './net.js';

export interface NatsServerOptions {
  /** Folder for the JetStream store and the log; created if missing. */
  dataDir: string;
  port?: number;
  monitorPort?: number;
  /** Readiness timeout in milliseconds. */
  startTimeoutMs?: number;
}

/** A local nats-server with JetStream on file storage, bound to 127.0.0.1. */
export class NatsServer {
  private constructor(
    readonly port: number,
    readonly monitorPort: number,
    readonly dataDir: string,
    private readonly process: ManagedProcess,
    private readonly startTimeoutMs: number,
  ) {}

  static async start(options: NatsServerOptions): Promise<NatsServer> {
    mkdirSync(options.dataDir, { recursive: true });
    const port = options.port ?? (await freePort());
    const monitorPort = options.monitorPort ?? (await freePort());
    const child = new ManagedProcess({
      name: 'nats-server',
      command: resolveBinary('nats-server'),
      args: [
        '-a',
        '127.0.0.1',
        '-p',
        String(port),
        '-m',
        String(monitorPort),
        '-js',
        '-sd',
        join(options.dataDir, 'jetstream'),
      ],
      logFile: join(options.dataDir, 'nats-server.log'),
    });
    const server = new NatsServer(port, monitorPort, options.dataDir, child, options.startTimeoutMs ?? 20_000);
    await server.restart();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** The process id while it runs (for CPU and memory sampling). */
  get pid(): number | undefined {
    return this.process.pid;
  }

  get running(): boolean {
    return this.process.running;
  }

  /** Starts the server again on the same ports and store, and waits for JetStream. */
  async restart(): Promise<void> {
    this.process.start();
    await waitForHttpOk(`http://127.0.0.1:${this.monitorPort}/healthz?js-enabled-only=true`, this.startTimeoutMs);
  }

  stop(): Promise<void> {
    return this.process.stop();
  }

  kill(): Promise<void> {
    return this.process.kill();
  }
}
