import { Command, InvalidArgumentError } from 'commander';
import { CONSUMER_SERVICES, runBenchScale, type ConsumerService } from './commands/bench-scale.command.js';
import { runDemo } from './commands/demo.command.js';
import { runInfra } from './commands/infra.command.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError('not a TCP port');
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('not a positive integer');
  return n;
}

function replicaCounts(value: string): number[] {
  const counts = value.split(',').map((part) => Number(part.trim()));
  if (counts.some((n) => !Number.isInteger(n) || n < 1 || n > 8)) {
    throw new InvalidArgumentError('expected a comma-separated list of replica counts between 1 and 8');
  }
  return counts;
}

function consumerServices(value: string): ConsumerService[] {
  const names = value.split(',').map((part) => part.trim());
  const unknown = names.filter((name) => !(CONSUMER_SERVICES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new InvalidArgumentError(`not consumer services: ${unknown.join(', ')}`);
  return names as ConsumerService[];
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

program
  .command('bench')
  .description('benchmarks that start their own NATS, FerretDB and services')
  .command('scale')
  .description('push the same articles through 1, 2, 3 processes per consumer service sharing one durable consumer')
  .option('--articles <n>', 'distinct articles to ingest', positiveInt, 2000)
  .option('--replicas <list>', 'replica counts to run, in order', replicaCounts, [1, 2, 3])
  .option('--services <list>', 'consumer services to replicate (the others run one process)', consumerServices, [
    ...CONSUMER_SERVICES,
  ])
  .option('--batch <n>', 'articles per POST /v1/articles (at most 500)', positiveInt, 250)
  .option('--timeout <s>', 'seconds a run may take before it fails', positiveInt, 900)
  .action(
    (opts: { articles: number; replicas: number[]; services: ConsumerService[]; batch: number; timeout: number }) =>
      runBenchScale({
        articles: opts.articles,
        replicas: opts.replicas,
        services: opts.services,
        batch: opts.batch,
        timeoutS: opts.timeout,
      }),
  );

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`media-monitor: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
