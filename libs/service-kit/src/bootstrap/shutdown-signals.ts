import type { Logger } from 'pino';

/** The part of `process` the shutdown handling uses (replaceable in tests). */
export interface SignalTarget {
  on(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): unknown;
}

export interface ShutdownSignalsOptions {
  /** Graceful shutdown: mark not ready, close the application. */
  close: () => Promise<void>;
  logger: Logger;
  /** After this many milliseconds the process exits with code 1, whatever is still running. */
  timeoutMs: number;
  signals?: readonly NodeJS.Signals[];
  target?: SignalTarget;
}

/**
 * On the first SIGTERM/SIGINT: graceful `close()`, then exit 0 (1 if it failed); a hard exit 1
 * after `timeoutMs`; a second signal exits 1 at once. Returns a function that uninstalls it.
 */
export function installShutdownSignals(options: ShutdownSignalsOptions): () => void {
  const { logger, timeoutMs } = options;
  const target = options.target ?? process;
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let shuttingDown = false;

  const onSignal = (signal: NodeJS.Signals): void => {
    if (shuttingDown) {
      logger.warn({ signal }, 'second signal during shutdown: exiting now');
      target.exit(1);
      return;
    }
    shuttingDown = true;
    logger.info({ signal, timeoutMs }, 'shutting down');
    const hardExit = setTimeout(() => {
      logger.fatal({ timeoutMs }, `shutdown did not finish within ${timeoutMs} ms: exiting`);
      target.exit(1);
    }, timeoutMs);
    hardExit.unref();
    options.close().then(
      () => {
        clearTimeout(hardExit);
        logger.info('stopped');
        target.exit(0);
      },
      (error: unknown) => {
        clearTimeout(hardExit);
        logger.error({ err: error }, 'shutdown failed');
        target.exit(1);
      },
    );
  };

  for (const signal of signals) target.on(signal, onSignal);
  return () => {
    for (const signal of signals) target.off(signal, onSignal);
  };
}
