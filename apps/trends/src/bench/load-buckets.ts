// Loads the buckets of N synthetic analysed articles into a trends database, as the write path
// would leave them (BucketFixture), for the trend-query benchmark (`media-monitor bench trend-query`).
//   node apps/trends/dist/bench/load-buckets.js <mongoUri> <dbName> <articles> <endIso> <days> [<part>/<parts> | indexes]
// (`indexes`: creates the collections and indexes only; run it once before the parts.)
// Every bucket belongs to one UTC day, so the corpus is built one day at a time (memory bounded by a
// day's documents) and split between processes by day: part k of n takes the days d with d % n = k.
// Prints one JSON line: {"articles":N,"buckets":M,"seconds":S} (N: the articles of its days).
import mongoose from 'mongoose';
import { ensureIndexes } from '@media-monitor/persistence';
import {
  bucketModels,
  bucketPartition,
  type BucketDocument,
  type BucketPartition,
} from '../aggregation/infrastructure/trends.schemas.js';
import { BucketFixture, syntheticAnalyses } from './bucket-fixture.js';

const DAY = 86_400_000;
const USAGE = 'usage: load-buckets.js <mongoUri> <dbName> <articles> <endIso> <days> [<part>/<parts> | indexes]\n';
const [uri, dbName, articlesArg, endArg, daysArg, partArg = '0/1'] = process.argv.slice(2);
if (!uri || !dbName || !articlesArg || !endArg || !daysArg) {
  process.stderr.write(USAGE);
  process.exit(2);
}
const started = Date.now();
const connection = await mongoose.createConnection(uri, { dbName, autoIndex: false, autoCreate: false }).asPromise();
const models = bucketModels(connection);
if (partArg === 'indexes') {
  await ensureIndexes(connection, Object.values(connection.models));
  await connection.close();
  process.stdout.write(`${JSON.stringify({ articles: 0, buckets: 0, seconds: (Date.now() - started) / 1000 })}\n`);
  process.exit(0);
}
const [part = NaN, parts = NaN] = partArg.split('/').map(Number);
if (!(parts >= 1 && part >= 0 && part < parts)) {
  process.stderr.write(USAGE);
  process.exit(2);
}
const corpus = { articles: Number(articlesArg), end: new Date(endArg), days: Number(daysArg) };
const dayOf = (ms: number) => Math.floor(ms / DAY);
const firstDay = dayOf(corpus.end.getTime() - corpus.days * DAY);
const lastDay = dayOf(corpus.end.getTime());

async function insertAll(docs: Iterable<BucketDocument>): Promise<void> {
  const batches = new Map<BucketPartition, BucketDocument[]>();
  const flush = async (partition: BucketPartition) => {
    const batch = batches.get(partition) ?? [];
    batches.set(partition, []);
    if (batch.length)
      await models[partition].collection.insertMany(batch as unknown as Array<Record<string, unknown>>, {
        ordered: false,
      });
  };
  for (const doc of docs) {
    const partition = bucketPartition(doc.series, doc.interval);
    const batch = batches.get(partition) ?? [];
    batches.set(partition, batch);
    batch.push(doc);
    if (batch.length === 2_000) await flush(partition);
  }
  for (const partition of [...batches.keys()]) await flush(partition);
}

let articles = 0;
let buckets = 0;
const mine = Array.from({ length: lastDay - firstDay + 1 }, (_, i) => firstDay + i).filter((d) => d % parts === part);
for (const [n, day] of mine.entries()) {
  const fixture = new BucketFixture();
  const keep = (ms: number) => dayOf(ms) === day;
  for (const analysis of syntheticAnalyses({ ...corpus, sources: 200, topics: 10, entities: 2_000, keep })) {
    fixture.add(analysis);
    articles += 1;
  }
  buckets += fixture.size;
  await insertAll(fixture.drain());
  process.stderr.write(
    `  load-buckets ${part}/${parts}: day ${n + 1} of ${mine.length} stored (${articles.toLocaleString('en')} articles, ` +
      `${buckets.toLocaleString('en')} documents, ${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
  );
}
await connection.close();
process.stdout.write(`${JSON.stringify({ articles, buckets, seconds: (Date.now() - started) / 1000 })}\n`);
