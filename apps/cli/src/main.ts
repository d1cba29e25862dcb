import { Command, InvalidArgumentError } from 'commander';
import { runDemo } from './commands/demo.command.js';
import { runInfra } from './commands/infra.command.js';
import { runBenchNer } from './commands/bench-ner.command.js';
import { runEvalNer } from './commands/eval-ner.command.js';
import { runTrainNer } from './commands/train-ner.command.js';

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

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('not a positive integer');
  return n;
}

function nerLanguage(value: string): 'en' | 'ru' {
  if (value !== 'en' && value !== 'ru') throw new InvalidArgumentError('en or ru');
  return value;
}

function tagScheme(value: string): 'BIO' | 'BILOU' {
  if (value !== 'BIO' && value !== 'BILOU') throw new InvalidArgumentError('BIO or BILOU');
  return value;
}

function nerFormat(value: string): 'conll' | 'factru' {
  if (value !== 'conll' && value !== 'factru') throw new InvalidArgumentError('conll or factru');
  return value;
}

program
  .command('train')
  .description('train a model')
  .command('ner')
  .description('train the NER model of a language from the shared data (CoNLL++ train / factRuEval devset)')
  .requiredOption('--lang <lang>', 'en or ru', nerLanguage)
  .option('--data <dir>', 'data folder (default: <shared data>/ner-en or ner-ru)')
  .option('--out <file>', 'model file (default: the committed libs/nlp/models/ner-<lang>.model.gz)')
  .option('--epochs <n>', 'perceptron epochs', integer, 10)
  .option('--bits <n>', 'log2 of the hashed feature buckets', integer, 18)
  .option('--seed <n>', 'shuffle seed', integer, 1)
  .option('--prune <weight>', 'drop feature buckets whose weights all stay below this', Number, 0.05)
  .option('--scheme <scheme>', 'tag scheme, BIO or BILOU (default: BIO for en, BILOU for ru)', tagScheme)
  .option('--holdout', 'ru: train on 80% of the devset documents and score the other 20%', false)
  .option('--folds <n>', 'ru: cross-validate over n folds of documents (writes no model)', integer)
  .action((opts: Parameters<typeof runTrainNer>[0]) => runTrainNer(opts));

program
  .command('eval')
  .description('score a model')
  .command('ner')
  .description('score NER: per-type figures, then "micro P <p> R <r> F1 <f1>"')
  .argument('<path>', 'CoNLL file (--format conll) or factRuEval folder (--format factru)')
  .requiredOption('--format <format>', 'conll or factru', nerFormat)
  .option('--model <file>', 'score this model file instead of the committed one')
  .action((path: string, opts: Parameters<typeof runEvalNer>[1]) => runEvalNer(path, opts));

program
  .command('bench')
  .description('measure throughput')
  .command('ner')
  .description('NER articles per second on one core, on development-set articles')
  .option('--lang <lang>', 'en or ru', nerLanguage, 'en')
  .option('--tokens <n>', 'tokens per article', integer, 700)
  .option('--seconds <n>', 'how long to measure', integer, 10)
  .option('--out <file>', 'also write the figures as JSON here')
  .action((opts: Parameters<typeof runBenchNer>[0]) => runBenchNer(opts));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`media-monitor: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
