// Measures whether the document store gives a contested claim exactly one winner, two ways:
// a conditional update of one document, and an insert of one _id. ADR 0003 quotes its output.
//   npx media-monitor infra &           (or any MongoDB / FerretDB)
//   node scripts/probe-ferretdb-claims.mjs mongodb://127.0.0.1:27017/ [rounds] [claimants]
import mongoose from 'mongoose';

const [uri = 'mongodb://127.0.0.1:27017/', roundsArg = '20', claimantsArg = '8'] = process.argv.slice(2);
const rounds = Number(roundsArg);
const claimants = Number(claimantsArg);
const conn = await mongoose
  .createConnection(uri, { dbName: `probe_claims_${Date.now()}`, maxPoolSize: claimants * 2 })
  .asPromise();
const leases = conn.collection('leases');
const claims = conn.collection('claims');
let conditionalDoubles = 0;
let insertDoubles = 0;
for (let round = 0; round < rounds; round++) {
  await leases.deleteMany({});
  await leases.insertOne({ _id: 'lease', owner: null });
  const updates = await Promise.all(
    Array.from({ length: claimants }, (_, i) =>
      leases.updateOne({ _id: 'lease', owner: null }, { $set: { owner: i } }),
    ),
  );
  if (updates.filter((r) => r.modifiedCount === 1).length > 1) conditionalDoubles++;
  const inserts = await Promise.allSettled(
    Array.from({ length: claimants }, (_, i) => claims.insertOne({ _id: `slot-${round}`, owner: i })),
  );
  if (inserts.filter((r) => r.status === 'fulfilled').length > 1) insertDoubles++;
}
process.stdout.write(
  `${claimants} concurrent claimants, ${rounds} rounds: conditional update had more than one winner in ` +
    `${conditionalDoubles} rounds; unique insert in ${insertDoubles}\n`,
);
await conn.dropDatabase();
await conn.close();
