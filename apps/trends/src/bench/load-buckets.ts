// Loads the buckets of N synthetic analysed articles into a trends database, as the write path
// would leave them (BucketFixture), for the trend-query benchmark (`media-monitor bench trend-query`).
//   node apps/trends/dist/bench/load-buckets.js <mongoUri> <dbName> <articles> <endIso> <days>
// Prints one JSON line: {"articles":N,"buckets":M,"seconds":S}.
import mongoose from 'mongoose';
import { ensureIndexes } from '@media-monitor/persistence';
import {
  bucketModels,
  bucketPartition,
  type BucketDocument,
  type BucketPartition,
} from '../aggregation/infrastructure/trends.schemas.js';
import { BucketFixture, syntheticAnalyses } from './bucket-fixture.js';

const [uri, dbName, articlesArg, endArg, daysArg] = process.argv.slice(2);
if (!uri || !dbName || !articlesArg || !endArg || !daysArg) {
  process.stderr.write('usage: load-buckets.js <mongoUri> <dbName> <articles> <endIso> <days>\n');
  process.exit(2);
}
const started = Date.now();
const fixture = new BucketFixture();
const corpus = { articles: Number(articlesArg), end: new Date(endArg), days: Number(daysArg) };
for (const analysis of syntheticAnalyses({ ...corpus, sources: 200, topics: 10, entities: 2_000 }))
  fixture.add(analysis);
const connection = await mongoose.createConnection(uri, { dbName, autoIndex: false, autoCreate: false }).asPromise();
const models = bucketModels(connection);
await ensureIndexes(connection, Object.values(connection.models));
const buckets = fixture.size;
const batches = new Map<BucketPartition, BucketDocument[]>();
const flush = async (partition: BucketPartition) => {
  const batch = batches.get(partition) ?? [];
  batches.set(partition, []);
  if (batch.length)
    await models[partition].collection.insertMany(batch as unknown as Array<Record<string, unknown>>, {
      ordered: false,
    });
};
for (const doc of fixture.drain()) {
  const partition = bucketPartition(doc.series, doc.interval);
  const batch = batches.get(partition) ?? [];
  batches.set(partition, batch);
  batch.push(doc);
  if (batch.length === 2_000) await flush(partition);
}
for (const partition of [...batches.keys()]) await flush(partition);
await connection.close();
process.stdout.write(
  `${JSON.stringify({ articles: corpus.articles, buckets, seconds: (Date.now() - started) / 1000 })}\n`,
);
