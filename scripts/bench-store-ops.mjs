// What one document operation costs on the local document store (FerretDB v1.24 on its private
// PostgreSQL, or SQLite), single and batched: wall time per document, the store's CPU per document
// (the whole machine's CPU time from /proc/stat less this process's own, so run it on an idle
// machine) and the client's. The arithmetic of docs/performance.md's throughput ceiling rests on it.
//   npm run build && node scripts/bench-store-ops.mjs        env: DOCS (2000)
import { readFileSync } from 'node:fs';
import mongoose from 'mongoose';
import { LocalStack } from '../libs/local-infra/dist/index.js';

const N = Number(process.env.DOCS ?? 2000);
const BATCH = 100;

/** Busy CPU time of the whole machine so far, in milliseconds (user, nice, system, irq, softirq, steal). */
function machineCpuMs() {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7]) * 10;
}

const stack = await LocalStack.start({});
const connection = await mongoose.createConnection(stack.ferretdb.uri, { dbName: 'storeops' }).asPromise();
const db = connection.db;
const results = [];

async function measure(name, run) {
  const machine = machineCpuMs();
  const own = process.cpuUsage();
  const started = performance.now();
  await run();
  const wallMs = performance.now() - started;
  const ownUsage = process.cpuUsage(own);
  const clientMs = (ownUsage.user + ownUsage.system) / 1000;
  const result = {
    operation: name,
    documents: N,
    wallMsPerDoc: +(wallMs / N).toFixed(3),
    storeCpuMsPerDoc: +((machineCpuMs() - machine - clientMs) / N).toFixed(3),
    clientCpuMsPerDoc: +(clientMs / N).toFixed(3),
  };
  results.push(result);
  console.log(JSON.stringify(result));
}

const article = (i) => ({
  _id: `a${i}`,
  url: `https://example.org/${i}`,
  title: 't'.repeat(80),
  body: 'b'.repeat(3000),
});
/** A bucket increment as trends makes them: 500 documents, an hour slot and a source count each. */
const increment = (i) => ({
  filter: { _id: `b${i % 500}` },
  update: { $inc: { articles: 1, [`hours.${i % 24}.articles`]: 1, [`sources.s${i % 50}`]: 1 } },
});

try {
  console.log(`store: FerretDB (${stack.ferretdb.backend}), ${N} documents per operation`);
  await measure('insertOne, one at a time', async () => {
    const c = db.collection('single');
    for (let i = 0; i < N; i += 1) await c.insertOne(article(i));
  });
  await measure(`insertMany, ${BATCH} per call`, async () => {
    const c = db.collection('batched');
    for (let i = 0; i < N; i += BATCH)
      await c.insertMany(
        Array.from({ length: BATCH }, (_, k) => article(i + k)),
        { ordered: false },
      );
  });
  await measure('findOne by _id, one at a time', async () => {
    const c = db.collection('batched');
    for (let i = 0; i < N; i += 1) await c.findOne({ _id: `a${i}` });
  });
  await measure(`find with $in of ${BATCH} ids`, async () => {
    const c = db.collection('batched');
    for (let i = 0; i < N; i += BATCH)
      await c.find({ _id: { $in: Array.from({ length: BATCH }, (_, k) => `a${i + k}`) } }).toArray();
  });
  await measure('updateOne $inc upsert, one at a time', async () => {
    const c = db.collection('increments');
    for (let i = 0; i < N; i += 1) {
      const { filter, update } = increment(i);
      await c.updateOne(filter, update, { upsert: true });
    }
  });
  await measure(`bulkWrite of ${BATCH} $inc upserts`, async () => {
    const c = db.collection('bulk-increments');
    for (let i = 0; i < N; i += BATCH)
      await c.bulkWrite(
        Array.from({ length: BATCH }, (_, k) => ({ updateOne: { ...increment(i + k), upsert: true } })),
        { ordered: false },
      );
  });
  console.log(JSON.stringify({ store: stack.ferretdb.backend, results }));
} finally {
  await connection.close();
  await stack.stop();
}
