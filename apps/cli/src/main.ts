import { Command, InvalidArgumentError } from 'commander';
import { runDemo } from './commands/demo.command.js';
import { runInfra } from './commands/infra.command.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError('not a TCP port');
  return n;
}

const program = new Command()
  .name('media-monitor')
  .description('Media-coverage monitor: command-line tools')
  .showHelpAfterError();

program
  .command('demo')
  .description('start NATS, FerretDB and every service locally, ingest demo articles and print a trend')
  .option('--exit', 'stop after printing the trend instead of running until Ctrl-C', false)
  .option('--port <port>', 'gateway port (another free port is used when it is taken)', port, 3000)
  .option('--data-dir <dir>', 'keep NATS and FerretDB data here instead of a temporary folder')
  .action((opts: { exit: boolean; port: number; dataDir?: string }) => runDemo(opts));

program
  .command('infra')
  .description('start only nats-server and FerretDB locally and print their URLs')
  .option('--data-dir <dir>', 'keep data here instead of a temporary folder')
  .option('--nats-port <port>', 'NATS port', port, 4222)
  .option('--mongo-port <port>', 'FerretDB port', port, 27017)
  .action((opts: { dataDir?: string; natsPort: number; mongoPort: number }) => runInfra(opts));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`media-monitor: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
