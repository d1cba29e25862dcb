import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export interface ManagedProcessOptions {
  name: string;
  command: string;
  args: string[];
  /** File that receives stdout and stderr. */
  logFile: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this user and group (a root parent starting a server that refuses root). */
  uid?: number;
  gid?: number;
  /** The graceful stop signal (default SIGTERM). */
  stopSignal?: NodeJS.Signals;
}

/** A child process with its output in a log file, stoppable gracefully or by SIGKILL. */
export class ManagedProcess {
  private child: ChildProcess | undefined;
  private log: WriteStream | undefined;
  private exitPromise: Promise<void> | undefined;

  constructor(private readonly options: ManagedProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    if (this.running) throw new Error(`${this.options.name} is already running`);
    this.log = createWriteStream(this.options.logFile, { flags: 'a' });
    const child = spawn(this.options.command, this.options.args, {
      cwd: this.options.cwd,
      env: this.options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(this.options.uid !== undefined ? { uid: this.options.uid } : {}),
      ...(this.options.gid !== undefined ? { gid: this.options.gid } : {}),
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.exitPromise = once(child, 'exit').then(() => undefined);
    child.once('error', (error) => this.log?.write(`spawn error: ${error.message}\n`));
    this.child = child;
  }

  /** Resolves when the process exits (at once when it is not running). */
  exited(): Promise<void> {
    return this.running && this.exitPromise ? this.exitPromise : Promise.resolve();
  }

  /** SIGTERM (or the stop signal), then SIGKILL after graceMs milliseconds. */
  async stop(graceMs = 5000): Promise<void> {
    if (!this.running || !this.child) return this.closeLog();
    this.child.kill(this.options.stopSignal ?? 'SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exitPromise;
    clearTimeout(timer);
    await this.closeLog();
  }

  /** SIGKILL at once, as a crash would. */
  async kill(): Promise<void> {
    if (!this.running || !this.child) return;
    this.child.kill('SIGKILL');
    await this.exitPromise;
  }

  private async closeLog(): Promise<void> {
    const log = this.log;
    this.log = undefined;
    if (log) await new Promise<void>((done) => log.end(done));
  }
}
