import { Command, InvalidArgumentError } from 'commander';
import { runBenchExtraction } from './commands/bench-extraction.command.js';
import { runDemo } from './commands/demo.command.js';
import { runEvalExtraction } from './commands/eval-extraction.command.js';
import { runExtract } from './commands/extract.command.js';
import { runInfra } from './commands/infra.command.js';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('not a positive integer');
  return n;
}

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

program
  .command('extract')
  .description('extract an article (JSON) from an HTML FILE or URL, or every page of a benchmark folder')
  .argument('[target]', 'HTML file (.html, .html.gz) or http(s) URL; with --benchmark, the output JSON file')
  .option('--benchmark <dir>', 'extract every *.html and *.html.gz in DIR into the output JSON file')
  .action((target: string | undefined, opts: { benchmark?: string }) => runExtract(target, opts));

program
  .command('eval')
  .description('score outputs against ground truth')
  .command('extraction')
  .description("score an 'extract --benchmark' output: shingle precision, recall and F1 (last line)")
  .argument('<output>', "JSON written by 'extract --benchmark'")
  .requiredOption('--truth <file>', 'ground-truth.json (id -> {articleBody})')
  .option('--worst <n>', 'also list the n worst pages', positiveInt, 0)
  .action((output: string, opts: { truth: string; worst: number }) => runEvalExtraction(output, opts));

program
  .command('bench')
  .description('speed benchmarks')
  .command('extraction')
  .description('pages per second of article extraction on one core over a folder of pages')
  .argument('<dir>', 'folder of *.html and *.html.gz pages')
  .option('--rounds <n>', 'timed rounds after one warm-up round', positiveInt, 5)
  .option('--out <file>', 'also write the figures as JSON')
  .action((dir: string, opts: { rounds: number; out?: string }) => runBenchExtraction(dir, opts));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`media-monitor: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
