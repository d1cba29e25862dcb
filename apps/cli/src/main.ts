import { Command, InvalidArgumentError } from 'commander';
import { FULL_CHAOS, QUICK_CHAOS, runChaos } from './commands/chaos/chaos.command.js';
import { CONSUMER_SERVICES, runBenchScale, type ConsumerService } from './commands/bench-scale.command.js';
import { FULL, QUICK, runBenchE2e } from './commands/bench-e2e.command.js';
import { runBenchExtraction } from './commands/bench-extraction.command.js';
import { runBenchFeeds } from './commands/bench-feeds.command.js';
import { runBenchIngest } from './commands/bench-ingest.command.js';
import { runBenchNer } from './commands/bench-ner.command.js';
import { runBenchSentiment } from './commands/bench-sentiment.command.js';
import { runBenchTrendQuery } from './commands/bench-trend-query.command.js';
import { runBenchTopics } from './commands/bench-topics.command.js';
import { runDemo } from './commands/demo.command.js';
import { runEvalExtraction } from './commands/eval-extraction.command.js';
import { runEvalNer } from './commands/eval-ner.command.js';
import { runEvalSentiment } from './commands/eval-sentiment.command.js';
import { runExtract } from './commands/extract.command.js';
import { runImport } from './commands/import.command.js';
import { runInfra } from './commands/infra.command.js';
import { runTrainNer } from './commands/train-ner.command.js';
import { runTrainSentiment } from './commands/train-sentiment.command.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError('not a TCP port');
  return n;
}

function choice<T extends string>(allowed: readonly T[]) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value))
      throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
    return value as T;
  };
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('not a positive number');
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('not a positive integer');
  return n;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('not a non-negative integer');
  return n;
}

function replicaCounts(value: string): number[] {
  const counts = value.split(',').map((part) => Number(part.trim()));
  if (counts.some((n) => !Number.isInteger(n) || n < 1 || n > 8)) {
    throw new InvalidArgumentError('expected a comma-separated list of replica counts between 1 and 8');
  }
  return counts;
}

function articleLevels(value: string): number[] {
  const levels = value.split(',').map((part) => Number(part.trim()));
  if (levels.some((n) => !Number.isInteger(n) || n < 1 || n > 5_000_000)) {
    throw new InvalidArgumentError('expected a comma-separated list of article counts between 1 and 5000000');
  }
  return levels;
}

function consumerServices(value: string): ConsumerService[] {
  const names = value.split(',').map((part) => part.trim());
  const unknown = names.filter((name) => !(CONSUMER_SERVICES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new InvalidArgumentError(`not consumer services: ${unknown.join(', ')}`);
  return names as ConsumerService[];
}

function tagScheme(value: string): 'BIO' | 'BILOU' {
  if (value !== 'BIO' && value !== 'BILOU') throw new InvalidArgumentError('BIO or BILOU');
  return value;
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
  .option('--no-real-sources', 'only the demo sources, not the bundled real feeds and channels')
  .action((opts: { exit: boolean; port: number; dataDir?: string; realSources: boolean }) => runDemo(opts));

program
  .command('infra')
  .description('start only nats-server and FerretDB locally and print their URLs')
  .option('--data-dir <dir>', 'keep data here instead of a temporary folder')
  .option('--nats-port <port>', 'NATS port', port, 4222)
  .option('--mongo-port <port>', 'FerretDB port', port, 27017)
  .action((opts: { dataDir?: string; natsPort: number; mongoPort: number }) => runInfra(opts));

program
  .command('import')
  .description('import a JSONL file of articles through the ingest push API, resumable after an interruption')
  .argument('<file>', 'one article per line: {url, title, body, publishedAt, source: {id, name?}, language?}')
  .option('--url <url>', 'the ingest service', 'http://127.0.0.1:3001')
  .option('--api-key <key>', 'an API key with the ingest or admin scope (default: $MEDIA_MONITOR_API_KEY)')
  .option('--batch <n>', 'articles per request (at most 500)', positiveInt, 200)
  .option('--restart', 'ignore the saved progress and start from the first line', false)
  .action((file: string, opts: { url: string; apiKey?: string; batch: number; restart: boolean }) => {
    if (opts.batch > 500) throw new InvalidArgumentError('--batch is at most 500');
    return runImport(file, opts);
  });

program
  .command('extract')
  .description('extract an article (JSON) from an HTML FILE or URL, or every page of a benchmark folder')
  .argument('[target]', 'HTML file (.html, .html.gz) or http(s) URL; with --benchmark, the output JSON file')
  .option('--benchmark <dir>', 'extract every *.html and *.html.gz in DIR into the output JSON file')
  .action((target: string | undefined, opts: { benchmark?: string }) => runExtract(target, opts));

const train = program.command('train').description("train the project's own models");
train
  .command('sentiment')
  .description('measure (cross-validation, development set) and train the targeted sentiment model of a language')
  .requiredOption('--lang <lang>', 'en (NewsMTSC) or ru (RuSentNE-2023)', choice(['en', 'ru'] as const))
  .option('--data <dir>', 'the shared data folder (default: MEDIA_MONITOR_DATA_DIR or ../shared/data)')
  .option('--out <file>', 'where to write the model (default: the committed model file)')
  .option('--epochs <n>', 'passes over the training data', positiveNumber)
  .option('--l2 <x>', 'L2 penalty', positiveNumber)
  .option('--learning-rate <x>', 'AdaGrad step size', positiveNumber)
  .option('--min-count <n>', 'drop features seen in fewer examples', positiveNumber)
  .option('--seed <n>', 'shuffle seed', positiveNumber)
  .option('--folds <n>', 'cross-validation folds by sentence before training (1: none)', positiveInt)
  .option('--train-only', 'en: write the model trained on NewsMTSC train alone (default: train + devtest_mt)')
  .action(runTrainSentiment);

train
  .command('ner')
  .description('train the NER model of a language from the shared data (CoNLL++ train / factRuEval devset)')
  .requiredOption('--lang <lang>', 'en or ru', choice(['en', 'ru'] as const))
  .option('--data <dir>', 'data folder (default: <shared data>/ner-en or ner-ru)')
  .option('--out <file>', 'model file (default: the committed libs/nlp/models/ner-<lang>.model.gz)')
  .option('--epochs <n>', 'perceptron epochs (default: 15 for en, 10 for ru)', positiveInt)
  .option('--bits <n>', 'log2 of the hashed feature buckets', positiveInt, 18)
  .option('--seed <n>', 'shuffle seed', positiveInt, 1)
  .option('--prune <weight>', 'drop feature buckets whose weights all stay below this', Number, 0.05)
  .option('--scheme <scheme>', 'tag scheme, BIO or BILOU (default: BIO for en, BILOU for ru)', tagScheme)
  .option('--holdout', 'ru: train on 80% of the devset documents and score the other 20%', false)
  .option('--folds <n>', 'ru: cross-validate over n folds of documents (writes no model)', positiveInt)
  .option(
    '--second-folds <n>',
    'jackknife folds of the document-level second pass, 0 for none (default: 10 for en, 0 for ru)',
    Number,
  )
  .option('--second-epochs <n>', 'perceptron epochs of the second pass', positiveInt, 10)
  .option('--rusentne', 'ru: also learn from the partially annotated RuSentNE training sentences', false)
  .option(
    '--seeds <n>',
    'first-pass runs with seeds seed, seed + 1, … whose weights are averaged (default: 1 for en, 5 for ru)',
    positiveInt,
  )
  .option('--feature-set <n>', 'ru: feature templates, 2 or 3 (default 3: with organisational head nouns)', positiveInt)
  .option(
    '--no-morphology',
    'ru: without the OpenCorpora proper-name forms and the morphology and quote templates (feature set 1)',
  )
  .action((opts: Parameters<typeof runTrainNer>[0]) => runTrainNer(opts));

const evaluate = program.command('eval').description('score a model or an extraction against labelled data');
evaluate
  .command('extraction')
  .description("score an 'extract --benchmark' output: shingle precision, recall and F1 (last line)")
  .argument('<output>', "JSON written by 'extract --benchmark'")
  .requiredOption('--truth <file>', 'ground-truth.json (id -> {articleBody})')
  .option('--worst <n>', 'also list the n worst pages', positiveInt, 0)
  .action((output: string, opts: { truth: string; worst: number }) => runEvalExtraction(output, opts));
evaluate
  .command('ner')
  .description('score NER: per-type figures, then "micro P <p> R <r> F1 <f1>"')
  .argument('<path>', 'CoNLL file (--format conll) or factRuEval folder (--format factru)')
  .requiredOption('--format <format>', 'conll or factru', choice(['conll', 'factru'] as const))
  .option('--model <file>', 'score this model file instead of the committed one')
  .action((path: string, opts: Parameters<typeof runEvalNer>[1]) => runEvalNer(path, opts));

evaluate
  .command('sentiment <file>')
  .description('targeted sentiment; the last line is "macro P R F1" (newsmtsc) or "F1pn" (rusentne)')
  .requiredOption('--format <format>', 'newsmtsc or rusentne', choice(['newsmtsc', 'rusentne'] as const))
  .option('--model <file>', 'a model file instead of the committed one')
  .action(runEvalSentiment);

program
  .command('chaos')
  .description(
    'stream articles through the running system while SIGKILLing every service, nats-server and FerretDB; ' +
      'check nothing was lost or counted twice (last line: JSON summary)',
  )
  .option('--quick', 'a few hundred articles, the same kills (CI)')
  .option('--articles <n>', 'articles to stream (default 10000, --quick 300)', positiveInt)
  .action(async (opts: { quick?: boolean; articles?: number }) => {
    const base = opts.quick ? QUICK_CHAOS : FULL_CHAOS;
    await runChaos({ ...base, ...(opts.articles ? { articles: opts.articles } : {}) }, opts.quick ? 'quick' : 'full');
  });

const bench = program.command('bench').description('benchmarks (scale starts its own NATS, FerretDB and services)');
bench
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

bench
  .command('ingest')
  .description(
    'ingest alone on real NATS and FerretDB: articles per second, CPU ms per article of ingest, FerretDB and PostgreSQL, store rows per article',
  )
  .option('--articles <n>', 'articles of the benchmark mix to post', positiveInt, 400)
  .option('--batch <n>', 'articles per POST /v1/articles (at most 500)', positiveInt, 25)
  .option('--parallel <n>', 'POSTs in flight at once', positiveInt, 8)
  .option('--out <dir>', 'folder of the JSON report', 'reports')
  .action((opts: { articles: number; batch: number; parallel: number; out: string }) => runBenchIngest(opts));

bench
  .command('e2e')
  .description(
    'the whole system through the ingest API: throughput, ingest→trend and →alert latency, gateway query, CPU, RSS, lag',
  )
  .option(
    '--quick',
    `shorter phases, under 10 minutes (${QUICK.articles} posts, ${QUICK.latencySeconds} s at half load)`,
  )
  .option(
    '--articles <n>',
    `posts of the throughput phase (default ${FULL.articles}; quick ${QUICK.articles})`,
    positiveInt,
  )
  .option('--latency-seconds <s>', `seconds at half load (default ${FULL.latencySeconds})`, positiveInt)
  .option('--query-seconds <s>', `seconds of trend query load (default ${FULL.querySeconds})`, positiveInt)
  .option('--connections <n>', 'concurrent gateway clients', positiveInt, 50)
  .option('--batch <n>', 'articles per POST /v1/articles (at most 500)', positiveInt, 100)
  .option('--parallel-posts <n>', 'concurrent POSTs in the throughput phase', positiveInt, 4)
  .option('--concurrency <n>', "the consumers' CONSUMER_CONCURRENCY (default: the services' own)", positiveInt)
  .option('--out <dir>', 'folder of the JSON report and the SVG chart', 'reports')
  .action(
    (opts: {
      quick?: boolean;
      articles?: number;
      latencySeconds?: number;
      querySeconds?: number;
      connections: number;
      batch: number;
      parallelPosts: number;
      concurrency?: number;
      out: string;
    }) => {
      const base = opts.quick ? QUICK : FULL;
      return runBenchE2e({
        quick: opts.quick ?? false,
        articles: opts.articles ?? base.articles,
        latencySeconds: opts.latencySeconds ?? base.latencySeconds,
        querySeconds: opts.querySeconds ?? base.querySeconds,
        connections: opts.connections,
        batch: opts.batch,
        parallelPosts: opts.parallelPosts,
        ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
        out: opts.out,
      });
    },
  );

bench
  .command('trend-query')
  .description('p50/p99 of the 30-day hourly trend query through the gateway with stored articles at each level')
  .option('--levels <list>', 'stored articles per level, comma separated', articleLevels, [10_000, 100_000, 1_000_000])
  .option('--connections <n>', 'concurrent clients', positiveInt, 50)
  .option('--seconds <n>', 'seconds of load per level', positiveInt, 20)
  .option('--days <n>', 'days the stored articles cover', positiveInt, 60)
  .option(
    '--postgresql <url>',
    'FerretDB on this PostgreSQL database instead of a private cluster (e.g. postgres://postgres@127.0.0.1:5432/postgres)',
  )
  .option('--accept-encoding <value>', 'the clients\' Accept-Encoding ("" for none)', 'gzip, deflate, br')
  .option(
    '--cold',
    'start the load with no answer cached (default: every series asked once, concurrently, just before)',
  )
  .option(
    '--cache-ms <n>',
    "the gateway's TREND_CACHE_MS (its default 1000; 0 turns the cache off)",
    nonNegativeInt,
    1000,
  )
  .option('--loaders <n>', 'processes building and inserting the stored buckets at once', positiveInt, 2)
  .option('--no-vacuum', 'leave the private PostgreSQL to autovacuum after loading (default: VACUUM (ANALYZE) first)')
  .action(
    (opts: {
      levels: number[];
      connections: number;
      seconds: number;
      days: number;
      postgresql?: string;
      acceptEncoding: string;
      cold?: boolean;
      cacheMs: number;
      loaders: number;
      vacuum: boolean;
    }) => runBenchTrendQuery({ ...opts, cold: opts.cold ?? false }),
  );

bench
  .command('extraction')
  .description('pages per second of article extraction on one core over a folder of pages')
  .argument('<dir>', 'folder of *.html and *.html.gz pages')
  .option('--rounds <n>', 'timed rounds after one warm-up round', positiveInt, 5)
  .option('--out <file>', 'also write the figures as JSON')
  .action((dir: string, opts: { rounds: number; out?: string }) => runBenchExtraction(dir, opts));

bench
  .command('feeds')
  .description('items per second of the feed, sitemap and Telegram page parsers on one core')
  .option('--items <n>', 'items per document', positiveInt, 100)
  .option('--rounds <n>', 'timed parses of each document after one warm-up', positiveInt, 200)
  .option('--out <file>', 'also write the figures as JSON')
  .action((opts: { items: number; rounds: number; out?: string }) => runBenchFeeds(opts));

bench
  .command('ner')
  .description('NER articles per second on one core, on development-set articles')
  .option('--lang <lang>', 'en or ru', choice(['en', 'ru'] as const), 'en')
  .option('--tokens <n>', 'tokens per article', positiveInt, 700)
  .option('--seconds <n>', 'how long to measure', positiveInt, 10)
  .option('--out <file>', 'also write the figures as JSON here')
  .action((opts: Parameters<typeof runBenchNer>[0]) => runBenchNer(opts));

bench
  .command('sentiment')
  .description('document and sentence tone: articles per second on one core')
  .option('--seconds <s>', 'seconds per language', positiveNumber, 3)
  .option('--out <file>', 'also write the figures as JSON')
  .action(runBenchSentiment);

bench
  .command('topics')
  .description('dry-run time, backfill rate and live latency with and without a backfill (entity service on FerretDB)')
  .option('--articles <n>', 'stored articles', positiveInt, 10_000)
  .option('--rate <n>', 'live articles per second during the latency phases', positiveInt, 10)
  .option('--seconds <s>', 'length of the baseline latency phase', positiveInt, 30)
  .option('--dry-runs <n>', 'dry runs to time', positiveInt, 3)
  .option('--out <file>', 'where to write the figures', 'reports/topics-bench.json')
  .action((opts: { articles: number; rate: number; seconds: number; dryRuns: number; out: string }) =>
    runBenchTopics(opts),
  );

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`media-monitor: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
